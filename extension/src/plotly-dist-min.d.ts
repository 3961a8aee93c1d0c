// plotly.js-dist-min ships no types; the extension uses it through the IPlotly interface in plotly.ts.
declare module 'plotly.js-dist-min';
