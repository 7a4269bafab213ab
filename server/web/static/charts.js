// What the staff pages' charts share: NHS.UK type for chart.js, and drawing a chart into a
// <figure data-chart> from the figures the server put on it (data-chart-data; the table in the
// figure stays for anyone who cannot see the chart), named for screen readers by data-chart-label.
// The page's own script (ward.js, returns.js) says how each kind of chart is drawn.
(() => {
  const Chart = window.Chart;
  if (!Chart) return;

  Chart.defaults.font.family = 'Frutiger W01, Arial, sans-serif';
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#212b32';

  /**
   * Draws `figure` with configs[its data-chart](its figures); nothing if it names no known chart
   * or `accept(figures)` says there is nothing to draw. The canvas goes first in the figure with
   * `prepend`, else last.
   */
  function draw(figure, configs, options = {}) {
    const kind = figure.getAttribute('data-chart');
    const make = configs[kind];
    if (!make) return;
    let data;
    try {
      data = JSON.parse(figure.getAttribute('data-chart-data') ?? 'null');
    } catch {
      return;
    }
    if (!data || (options.accept && !options.accept(data))) return;
    const box = document.createElement('div');
    box.className = `fft-chart__canvas fft-chart__canvas--${kind}`;
    const canvas = document.createElement('canvas');
    const label = figure.getAttribute('data-chart-label') ?? 'Chart';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    canvas.textContent = label;
    box.append(canvas);
    if (options.prepend) figure.prepend(box);
    else figure.append(box);
    new Chart(canvas, make(data));
  }

  window.fftCharts = { draw };
})();
