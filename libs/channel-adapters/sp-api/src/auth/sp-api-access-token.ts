/** The SP-API operations the orders client calls; an RDT provider needs to know which one. */
export type SpApiOperation = 'getOrders' | 'getOrderItems';

/**
 * Supplies the `x-amz-access-token` of each SP-API call. Production uses Login with Amazon
 * ({@link LwaAccessTokenProvider}); reading buyer PII (ShippingAddress, BuyerInfo) of merchant-fulfilled
 * orders additionally needs a Restricted Data Token for getOrders, which a provider wrapping this one
 * obtains from the Tokens API (`POST /tokens/2021-03-01/restrictedDataToken`) per operation and path.
 */
export interface SpApiAccessTokenProvider {
  accessToken(operation: SpApiOperation, path: string): Promise<string>;
}

/** A fixed token: the simulator, or a token minted elsewhere (a sidecar refreshing a mounted secret). */
export class StaticAccessToken implements SpApiAccessTokenProvider {
  constructor(private readonly token: string) {
    if (token.trim() === '') throw new Error('SP-API access token is empty');
  }

  accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
}
