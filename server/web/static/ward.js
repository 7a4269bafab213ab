// Draws the ward page's charts with chart.js, from the figures the server put on each
// <figure data-chart> (the same figures as the table in that figure, which stays for anyone
// who cannot see the chart), and draws them again when dashboard.js swaps in fresh figures.
// SPC points carry Making Data Count's colours and a shape of their own, so a signal never
// rests on colour alone.
(() => {
  const Chart = window.Chart;
  if (!Chart || !window.fftCharts) return;

  const NHS = { blue: '#005eb8', darkBlue: '#003087', green: '#007f3b', grey: '#768692', darkGrey: '#425563', black: '#212b32', orange: '#ed8b00', darkOrange: '#8a4f00', purple: '#330072', pink: '#ae2573' };
  const SIGNAL = {
    concerning: { colour: NHS.orange, border: NHS.darkOrange, shape: 'triangle', radius: 7, label: 'Special cause of concern' },
    improving: { colour: NHS.blue, border: NHS.darkBlue, shape: 'rectRot', radius: 7, label: 'Special cause of improvement' },
    common: { colour: NHS.grey, border: NHS.darkGrey, shape: 'circle', radius: 3, label: 'Common cause' },
    // Today is not over: a hollow circle, not judged until it is (Making Data Count).
    partial: { colour: '#ffffff', border: NHS.darkGrey, shape: 'circle', radius: 5, label: 'Today so far, not judged yet' },
  };

  const base = (extra) => ({
    responsive: true,
    maintainAspectRatio: false,
    // Redrawn every time new figures arrive: no animation to distract on a wall screen.
    animation: false,
    ...extra,
    plugins: { legend: { labels: { usePointStyle: true } }, ...(extra.plugins ?? {}) },
  });

  const configs = {
    spc(d) {
      const signalOf = (ctx) => (d.partial?.[ctx.dataIndex] ? SIGNAL.partial : (SIGNAL[d.signals[ctx.dataIndex]] ?? SIGNAL.common));
      const datasets = [
        {
          label: '% positive',
          data: d.values,
          borderColor: NHS.darkGrey,
          borderWidth: 1.5,
          spanGaps: true,
          pointStyle: (ctx) => signalOf(ctx).shape,
          pointRadius: (ctx) => signalOf(ctx).radius,
          pointHoverRadius: (ctx) => signalOf(ctx).radius + 2,
          pointBackgroundColor: (ctx) => signalOf(ctx).colour,
          pointBorderColor: (ctx) => signalOf(ctx).border,
          order: 0,
        },
        { label: 'Mean', data: d.mean, borderColor: NHS.black, borderWidth: 2, pointRadius: 0, spanGaps: true, order: 1 },
      ];
      if (d.ucl.some((v) => v !== null)) {
        datasets.push(
          { label: 'Upper process limit', data: d.ucl, borderColor: NHS.grey, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, stepped: 'middle', order: 2 },
          { label: 'Lower process limit', data: d.lcl, borderColor: NHS.grey, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, stepped: 'middle', order: 2 },
        );
      }
      return {
        type: 'line',
        data: { labels: d.labels, datasets },
        options: base({
          scales: { y: { min: 0, max: 100, title: { display: true, text: '% positive' } }, x: { ticks: { maxTicksLimit: 12, autoSkip: true } } },
          plugins: {
            tooltip: {
              callbacks: {
                afterLabel: (ctx) => (ctx.datasetIndex === 0 && (d.signals[ctx.dataIndex] || d.partial?.[ctx.dataIndex]) ? `${signalOf(ctx).label}, ${d.n[ctx.dataIndex]} responses` : ''),
              },
            },
          },
        }),
      };
    },
    channels(d) {
      return {
        type: 'bar',
        data: { labels: d.labels, datasets: [{ label: 'Responses', data: d.responses, backgroundColor: NHS.blue }] },
        options: base({ scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Responses' } } }, plugins: { legend: { display: false } } }),
      };
    },
    themes(d) {
      const bar = (label, data, colour) => ({ label, data, backgroundColor: colour, borderColor: '#ffffff', borderWidth: 1 });
      return {
        type: 'bar',
        data: { labels: d.labels, datasets: [bar('Praise', d.praise, NHS.green), bar('Neither or mixed', d.neutral, NHS.grey), bar('Criticism', d.criticism, NHS.orange)] },
        options: base({ indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Comments' } }, y: { stacked: true } } }),
      };
    },
    trend(d) {
      const colours = [NHS.blue, NHS.orange, NHS.green, NHS.purple, NHS.pink];
      const shapes = ['circle', 'triangle', 'rect', 'rectRot', 'star'];
      const dashes = [[], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]];
      return {
        type: 'line',
        data: {
          labels: d.labels,
          datasets: d.series.map((s, i) => ({ label: s.name, data: s.counts, borderColor: colours[i % 5], backgroundColor: colours[i % 5], pointStyle: shapes[i % 5], pointRadius: 5, borderDash: dashes[i % 5], borderWidth: 2 })),
        },
        options: base({ scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Comments per week' } } } }),
      };
    },
  };

  function drawAll(root) {
    for (const figure of root.querySelectorAll('figure[data-chart]')) window.fftCharts.draw(figure, configs, { prepend: true });
  }

  document.addEventListener('fft:updated', (event) => {
    for (const chart of Object.values(Chart.instances)) if (!chart.canvas.isConnected) chart.destroy();
    for (const section of event.detail?.sections ?? []) drawAll(section);
  });

  drawAll(document);
})();
