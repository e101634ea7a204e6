'use client';

import Script from 'next/script';
import { useEffect, useRef, useState } from 'react';

type ScalarApp = { destroy(): void };
declare global {
  interface Window {
    Scalar?: { createApiReference(element: HTMLElement, configuration: Record<string, unknown>): ScalarApp };
  }
}

// Scalar's light theme greys and code colours fall short of WCAG AA contrast (4.5:1) on its
// light backgrounds: the same hues, darkened. Its top offset is our sticky top bar (h-16).
const CUSTOM_CSS = `
html .light-mode {
  --scalar-color-2: #555555; --scalar-color-3: #5c5c5c;
  --scalar-color-orange: #a83c00; --scalar-color-yellow: #7a5c00; --scalar-color-green: #04704a;
  --scalar-color-red: #b80004; --scalar-color-blue: #00589a; --scalar-color-query: #00605f;
}
.scalar-app { --scalar-custom-header-height: 4rem; }`;

/**
 * Scalar leaves `aria-expanded` off its closed comboboxes (ARIA requires it): mark them closed
 * until Scalar itself says they are open.
 */
function markClosedComboboxes(root: HTMLElement): MutationObserver {
  const mark = () => root.querySelectorAll('[role="combobox"]:not([aria-expanded])').forEach((element) => element.setAttribute('aria-expanded', 'false'));
  const observer = new MutationObserver(mark);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-expanded', 'role'] });
  mark();
  return observer;
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
      customCss: CUSTOM_CSS,
    });
    const observer = markClosedComboboxes(mount.current);
    return () => {
      observer.disconnect();
      app.destroy();
    };
  }, [loaded, documentUrl]);

  return (
    <>
      <Script src={scriptUrl} strategy="afterInteractive" onReady={() => setLoaded(true)} />
      <div ref={mount} aria-busy={!loaded} />
    </>
  );
}
