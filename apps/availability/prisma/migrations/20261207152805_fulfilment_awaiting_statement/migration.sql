-- AlterTable
ALTER TABLE "FulfilmentApplied" ADD COLUMN     "awaitingStatement" JSONB;
