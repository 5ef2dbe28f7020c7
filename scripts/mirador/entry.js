// The Mirador the digital library serves: the npm package's source (its "./src" export) built
// with React, MUI, reselect and OpenSeadragon in production mode, as window.Mirador (what the
// package's UMD file offers). The package's own dist files were built in development mode:
// React's and reselect's development checks warned on every viewer page.
export * from "mirador/src";
