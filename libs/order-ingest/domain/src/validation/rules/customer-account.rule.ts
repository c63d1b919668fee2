import type { ChannelOrder, ResolvedAccount } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig, CustomerMapping, ShipToSite } from '../../reference-data/reference-data.schema';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import type { RuleOutcome } from '../validation-context';

export interface CustomerResolution {
  readonly account: ResolvedAccount;
  /** ERP ship-to site the partner location code resolved to; null for a one-time address. */
  readonly shipToSite: ShipToSite | null;
  readonly isBusinessOrder: boolean;
}

/** B2B orders need the buyer's own ERP account (terms, credit, pricing); consumers share a web account. */
export function isBusinessOrder(order: ChannelOrder, account: ChannelAccountConfig): boolean {
  if (account.salesModel === 'MIXED') return order.customer.b2bAccountRef !== null;
  return account.salesModel === 'B2B';
}

/**
 * Channel customer → ERP account. An unmapped customer is HELD (see issueDisposition): adding the
 * mapping releases the order. The trade reference wins over the channel customer id because
 * portals and EDI partners reuse login ids across buying organisations.
 */
export function resolveCustomerAccount(order: ChannelOrder, account: ChannelAccountConfig, reference: ReferenceCatalog): RuleOutcome<CustomerResolution> {
  const business = isBusinessOrder(order, account);
  const { b2bAccountRef, channelCustomerId } = order.customer;
  const mapping =
    (b2bAccountRef ? reference.customerByAccountRef(account.channelAccountId, b2bAccountRef) : undefined) ??
    (channelCustomerId ? reference.customerByChannelCustomerId(account.channelAccountId, channelCustomerId) : undefined);

  if (!mapping) {
    if (!business && account.defaultErpCustomerNumber) {
      return resolved(
        {
          erpCustomerNumber: account.defaultErpCustomerNumber,
          erpBillToId: null,
          erpShipToId: null,
          paymentTerms: null,
          mappingRule: `default:${account.channelAccountId}`,
        },
        null,
        business,
      );
    }
    const key = business ? `trade reference '${b2bAccountRef ?? '(none)'}'` : `channel customer '${channelCustomerId ?? '(guest)'}' and no default web account`;
    return {
      value: null,
      issues: [
        orderIssue(IssueCode.CustomerUnmapped, `${key} maps to no ERP customer account for ${account.channelAccountId}`, {
          field: business ? 'customer.b2bAccountRef' : 'customer.channelCustomerId',
        }),
      ],
    };
  }
  return withShipToSite(order, mapping, business);
}

function withShipToSite(order: ChannelOrder, mapping: CustomerMapping, business: boolean): RuleOutcome<CustomerResolution> {
  const code = order.shipTo.locationCode;
  const site = code ? (mapping.shipToSites.find((s) => s.locationCode === code) ?? null) : null;
  const issues: RuleIssue[] = [];
  // A full street address can ship as a one-time address; a bare location code cannot ship anywhere.
  if (code && !site && order.shipTo.lines.length === 0) {
    issues.push(
      orderIssue(IssueCode.ShipToLocationUnmapped, `ship-to location code '${code}' is not a ship-to site of ERP account ${mapping.erpCustomerNumber}`, {
        field: 'shipTo.locationCode',
      }),
    );
  }
  const account: ResolvedAccount = {
    erpCustomerNumber: mapping.erpCustomerNumber,
    erpBillToId: mapping.erpBillToId,
    erpShipToId: site?.erpShipToId ?? null,
    // The ERP account's agreed terms win over whatever the buyer typed on the order.
    paymentTerms: mapping.paymentTerms,
    mappingRule: mapping.id,
  };
  return { value: { account, shipToSite: site, isBusinessOrder: business }, issues };
}

function resolved(account: ResolvedAccount, site: ShipToSite | null, business: boolean): RuleOutcome<CustomerResolution> {
  return { value: { account, shipToSite: site, isBusinessOrder: business }, issues: [] };
}
