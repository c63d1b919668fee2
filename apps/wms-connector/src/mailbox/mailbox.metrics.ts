import { counter } from '@crossdock/observability';

export const mailboxMetrics = {
  files: counter('crossdock_wms_third_party_files_total', 'Files read from 3PL mailboxes, by location, document (945, 997) and disposition', [
    'location',
    'document',
    'disposition',
  ]),
  shipments: counter('crossdock_wms_third_party_shipments_total', 'Shipments from 3PL 945s published for the first time, by location', ['location']),
};
