import { describe, expect, it } from 'vitest';
import { lacksRequiredOrigin } from './origin-required';

describe('lacksRequiredOrigin', () => {
  it.each([
    { method: 'POST', origin: null, refused: true },
    { method: 'POST', origin: '', refused: true },
    { method: 'post', origin: null, refused: true },
    { method: 'PUT', origin: null, refused: true },
    { method: 'DELETE', origin: null, refused: true },
    { method: 'POST', origin: 'http://localhost:3000', refused: false },
    // Next itself refuses an opaque origin ("null") as not matching the host.
    { method: 'POST', origin: 'null', refused: false },
    { method: 'GET', origin: null, refused: false },
    { method: 'HEAD', origin: null, refused: false },
    { method: 'OPTIONS', origin: null, refused: false },
  ])('$method with Origin $origin → refused: $refused', ({ refused, ...request }) => {
    expect(lacksRequiredOrigin(request)).toBe(refused);
  });
});
