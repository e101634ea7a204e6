import { z } from 'zod';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';

const CODES = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];

/** Every error answer's body (SPEC §4): `{"error":{"code","message","requestId"}}`, `fields` on validation_failed. */
export const apiErrorBodySchema = z
  .strictObject({
    error: z
      .strictObject({
        code: z.enum(CODES).meta({ description: 'Stable, machine-readable: branch on this, not on the message.' }),
        message: z.string().meta({ description: 'For people; may change.' }),
        requestId: z.string().meta({ description: 'Also in the X-Request-Id header: quote it when asking for help.' }),
        fields: z
          .record(z.string(), z.array(z.string()))
          .optional()
          .meta({ description: 'validation_failed only: the messages for each invalid field (`(body)` for the body as a whole).' }),
      })
      .meta({ id: 'ErrorDetail' }),
  })
  .meta({ id: 'Error', description: 'Every error the API answers has this shape.' });
