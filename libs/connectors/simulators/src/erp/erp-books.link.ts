import { parseLocationMap } from '@crossdock/connectors/domain';
import type { SimulatedErp } from '@crossdock/erp/simulator';
import type { SimulatedErpSource } from './simulated-erp.source';
import { SIMULATED_ERP_WAREHOUSE_MAP } from './simulated-erp.source';

/**
 * One ERP, two simulators: `SimulatedErp` (@crossdock/erp/simulator) takes orders and goods issues,
 * `SimulatedErpSource` serves the ERP's feeds to erp-connector. Linking them makes them one set of
 * books, as in a real ERP: every new goods issue lowers on-hand for each shipped SKU at the ERP
 * warehouse of the line's hub location (the inverse of `warehouseMap`, the connector's
 * ERP_WAREHOUSE_MAP), with the stock row's lastModified at or after the goods issue's postedAt (both
 * written in the same instant), and posts the invoice it created to the document feed
 * (`/api/invoices`). A line from a location no warehouse maps is not a stock movement the ERP knows;
 * it is reported and skipped. Returns the unlink function.
 */
export function linkErpBooks(erp: SimulatedErp, source: SimulatedErpSource, warehouseMap: string = SIMULATED_ERP_WAREHOUSE_MAP): () => void {
  const { map, problems } = parseLocationMap(warehouseMap);
  if (problems.length > 0) throw new Error(`warehouse map: ${problems.join('; ')}`);
  const warehouseOf = new Map([...map].map(([code, location]) => [location.locationId, code]));
  return erp.onGoodsIssue((goodsIssue, invoice) => {
    for (const line of goodsIssue.lines) {
      const warehouse = warehouseOf.get(line.locationId);
      if (warehouse === undefined || !source.item(line.sku)) {
        console.warn(
          `ERP books: goods issue ${goodsIssue.goodsIssueNumber} ships ${line.sku} from ${line.locationId}, which the ERP does not stock; on-hand unchanged`,
        );
        continue;
      }
      source.issue(line.sku, warehouse, line.quantity);
    }
    source.recordInvoice(invoice);
  });
}
