'use client';

import Script from 'next/script';
import { useEffect, useRef, useState } from 'react';

type ScalarApp = { destroy(): void };
declare global {
  interface Window {
    Scalar?: { createApiReference(element: HTMLElement, configuration: Record<string, unknown>): ScalarApp };
  }
}

/**
 * Scalar's API reference, rendered in the browser from the OpenAPI document, with everything it
 * could fetch from elsewhere turned off: fonts, telemetry, the request proxy, the MCP and AI extras.
 */
export function ApiReference({ scriptUrl, documentUrl }: { scriptUrl: string; documentUrl: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!loaded || !mount.current || !window.Scalar) return;
    const app = window.Scalar.createApiReference(mount.current, {
      url: documentUrl,
      withDefaultFonts: false,
      telemetry: false,
      mcp: { disabled: true },
      agent: { disabled: true },
      showDeveloperTools: 'never',
      hideClientButton: true,
      hideDarkModeToggle: true,
      forceDarkModeState: 'light',
      persistAuth: false,
      documentDownloadType: 'json',
      customCss: '.scalar-app { --scalar-custom-header-height: 4rem; }',
    });
    return () => app.destroy();
  }, [loaded, documentUrl]);

  return (
    <>
      <Script src={scriptUrl} strategy="afterInteractive" onReady={() => setLoaded(true)} />
      <div ref={mount} aria-busy={!loaded} />
    </>
  );
}
