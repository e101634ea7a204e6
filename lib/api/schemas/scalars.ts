import { z } from 'zod';

/**
 * A moment as the API answers it: the handler gives a Date (the database's type), the wire and the
 * document say an RFC 3339 string, which is what `Response.json` writes for a Date.
 */
export const timestamp = z.codec(z.date(), z.string().meta({ format: 'date-time', example: '2026-11-29T10:15:00.000Z' }), {
  decode: (date) => date.toISOString(),
  encode: (text) => new Date(text),
});

/** An id the API hands out (a UUID). */
export const id = z.string().meta({ format: 'uuid', example: '0b6f8a52-3c1e-4f7d-9a43-2f5d7c9e1b20' });
