import { Module } from '@nestjs/common';
import { EdiAcknowledgementRepository } from './edi-acknowledgement.repository';
import { EdiDropFolderService } from './edi-drop-folder.service';

@Module({ providers: [EdiAcknowledgementRepository, EdiDropFolderService] })
export class EdiModule {}
