import { authenticated, defineRoute, idParam, IsoDateTimeSchema, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { LogisticsService } from './logistics-service.ts';
import { TRACKING_STATUSES } from './logistics-tracker.ts';

const CheckpointSchema = z
  .object({
    time: IsoDateTimeSchema,
    location: z.string().nullable(),
    description: z.string(),
    status: z.enum(TRACKING_STATUSES),
  })
  .openapi('TrackingCheckpoint');

const parcelFields = {
  subOrderId: z.string(),
  supplierId: z.string(),
  carrierCode: z.string().nullable(),
  carrierName: z.string().nullable().openapi({ example: '顺丰速运' }),
  trackingNumber: z.string().nullable(),
  status: z.enum(TRACKING_STATUSES),
  source: z.enum(['kuaidi100', 'offline']),
  refreshedAt: IsoDateTimeSchema.nullable(),
  checkpoints: z.array(CheckpointSchema).openapi({ description: 'Newest first' }),
};
const ParcelSchema = z.object(parcelFields).openapi('Parcel');
const StaffParcelSchema = z.object({ ...parcelFields, lastError: z.string().nullable() }).openapi('ParcelForStaff');

const CarrierSchema = z
  .object({ code: z.string().openapi({ example: 'shunfeng' }), name: z.string(), names: z.object({ 'zh-CN': z.string(), en: z.string() }) })
  .openapi('Carrier');

/** Buyers: where the parcels of their order are. */
export function logisticsShopRoutes(logistics: LogisticsService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'get',
      path: '/orders/{id}/logistics',
      tags: ['Logistics'],
      summary: 'Each shipped parcel of the buyer’s order: carrier, tracking number and checkpoints, newest first',
      request: { params: z.object({ id: idParam('ord') }) },
      responses: { 200: jsonResponse(z.object({ parcels: z.array(ParcelSchema) }).openapi('OrderLogistics'), 'The parcels') },
    }),
    async (c) => c.json({ parcels: unwrap(await logistics.forBuyer(c.var.ctx, c.req.valid('param').id)) }, 200),
  );
}

/** Staff: one sub-order's parcel in their data scope, and the carrier list for the ship form. */
export function logisticsAdminRoutes(logistics: LogisticsService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('order.read'), {
        method: 'get',
        path: '/sub-orders/{id}/logistics',
        tags: ['Logistics'],
        summary: 'The parcel of a sub-order in the caller’s scope, with the last tracking error if any',
        request: { params: z.object({ id: idParam('sub') }) },
        responses: { 200: jsonResponse(StaffParcelSchema, 'The parcel') },
      }),
      async (c) => c.json(unwrap(await logistics.forStaff(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/logistics/carriers',
        tags: ['Logistics'],
        summary: 'Carriers for the ship form and the shipping CSV (code and names)',
        responses: { 200: jsonResponse(z.object({ items: z.array(CarrierSchema) }).openapi('CarrierList'), 'The carriers') },
      }),
      (c) => c.json({ items: logistics.carriers(c.var.ctx.locale) }, 200),
    );
}
