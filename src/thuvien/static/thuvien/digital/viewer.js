// The portal's IIIF viewer: Mirador 4 (vendored, no CDN) on one manifest, opened at the page
// and with the search words the link carries (data attributes; no inline script under the CSP).
(function () {
  "use strict";
  var el = document.getElementById("viewer");
  if (!el || !window.Mirador) { return; }
  var win = {
    manifestId: el.dataset.manifest,
    thumbnailNavigationPosition: window.innerWidth < 600 ? "off" : "far-bottom",
  };
  if (el.dataset.canvas) { win.canvasId = el.dataset.canvas; }
  if (el.dataset.q) { win.defaultSearchQuery = el.dataset.q; }
  window.thuvienViewer = window.Mirador.viewer({
    id: "viewer",
    language: el.dataset.lang || "vi",
    windows: [win],
    window: {
      allowClose: false,
      allowMaximize: false,
      allowFullscreen: true,
      sideBarOpen: !!el.dataset.q && window.innerWidth >= 600,
      defaultView: "single",
    },
    workspaceControlPanel: { enabled: false },
    workspace: { showZoomControls: window.innerWidth >= 600 },
  });
  el.setAttribute("data-ready", "1");
})();
