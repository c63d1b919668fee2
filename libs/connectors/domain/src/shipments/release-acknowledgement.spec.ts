import { acknowledgementAnswer } from './release-acknowledgement';

describe('acknowledgementAnswer', () => {
  it('acknowledges a release the 997 accepted, with errors noted or not', () => {
    expect(acknowledgementAnswer('RELEASE', { status: 'A', errorCodes: [], notes: [] }, 'ISA 12')).toEqual({
      kind: 'OUTCOME',
      status: 'ACKNOWLEDGED',
      warehouseReference: 'ISA 12',
      reason: null,
      detail: null,
    });
    expect(acknowledgementAnswer('RELEASE', { status: 'E', errorCodes: ['5'], notes: [] }, null)).toMatchObject({
      status: 'ACKNOWLEDGED',
      detail: '997 AK5 E (codes 5)',
    });
  });

  it('rejects a release the 997 rejected, naming the code and where', () => {
    expect(acknowledgementAnswer('RELEASE', { status: 'R', errorCodes: ['5'], notes: ['W01@9: segment code 8', 'element 5 code 7'] }, null)).toMatchObject({
      status: 'REJECTED',
      reason: 'AK5_R',
      detail: '997 AK5 R (codes 5): W01@9: segment code 8; element 5 code 7',
    });
  });

  it('reads an accepted cancellation as cancelled and a rejected one as refused', () => {
    expect(acknowledgementAnswer('CANCEL', { status: 'A', errorCodes: [], notes: [] }, null)).toMatchObject({ status: 'CANCELLED', reason: null });
    expect(acknowledgementAnswer('CANCEL', { status: 'R', errorCodes: [], notes: [] }, null)).toMatchObject({ status: 'CANCEL_REFUSED', reason: 'AK5_R' });
  });
});
