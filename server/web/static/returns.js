// Draws the trends charts with chart.js from the figures the server put on each
// <figure data-chart> (the same figures as the tables beneath, which stay for anyone who cannot
// see a chart): % positive by month per trust with its 95% interval as a shaded band, and
// response volumes. Each trust has its own colour, point shape and dash, so no line rests on
// colour alone.
(() => {
  if (!window.Chart || !window.fftCharts) return;

  const COLOURS = ['#005eb8', '#ed8b00', '#007f3b', '#330072', '#ae2573', '#425563'];
  const BANDS = ['rgba(0,94,184,0.15)', 'rgba(237,139,0,0.15)', 'rgba(0,127,59,0.15)', 'rgba(51,0,114,0.15)', 'rgba(174,37,115,0.15)', 'rgba(66,85,99,0.15)'];
  const SHAPES = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];
  const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [4, 4]];
  const pick = (list, i) => list[i % list.length];

  const base = (extra) => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...extra,
  });

  const configs = {
    positive(d) {
      const datasets = [];
      d.trusts.forEach((t, i) => {
        // The band: the lower bound, then the upper filled down to it. Left out of the legend.
        datasets.push(
          { label: `${t.name} lower 95%`, data: t.lower, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, band: true, spanGaps: true },
          { label: `${t.name} upper 95%`, data: t.upper, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '-1', backgroundColor: pick(BANDS, i), band: true, spanGaps: true },
          {
            label: t.name,
            data: t.positive,
            borderColor: pick(COLOURS, i),
            backgroundColor: pick(COLOURS, i),
            pointStyle: pick(SHAPES, i),
            pointRadius: 5,
            borderDash: pick(DASHES, i),
            borderWidth: 2,
            fill: false,
            spanGaps: true,
            lower: t.lower,
            upper: t.upper,
            responses: t.responses,
          },
        );
      });
      return {
        type: 'line',
        data: { labels: d.labels, datasets },
        options: base({
          scales: { y: { min: 0, max: 100, title: { display: true, text: '% positive' } }, x: { offset: true, ticks: { autoSkip: true, maxTicksLimit: 12 } } },
          plugins: {
            legend: { labels: { usePointStyle: true, filter: (item, data) => !data.datasets[item.datasetIndex].band } },
            tooltip: {
              filter: (item) => !item.dataset.band,
              callbacks: {
                label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.y}% positive`,
                afterLabel: (ctx) => {
                  const ds = ctx.dataset;
                  const n = ds.responses[ctx.dataIndex];
                  const ci = ds.lower[ctx.dataIndex] === null ? '' : `95% interval ${ds.lower[ctx.dataIndex]}% to ${ds.upper[ctx.dataIndex]}%, `;
                  return `${ci}${n} response${n === 1 ? '' : 's'}`;
                },
              },
            },
          },
        }),
      };
    },
    responses(d) {
      return {
        type: 'bar',
        data: {
          labels: d.labels,
          datasets: d.trusts.map((t, i) => ({ label: t.name, data: t.responses, backgroundColor: pick(COLOURS, i), borderColor: '#ffffff', borderWidth: 1 })),
        },
        options: base({
          scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Responses' } } },
          plugins: { legend: { labels: { usePointStyle: true } } },
        }),
      };
    },
  };

  for (const figure of document.querySelectorAll('figure[data-chart]')) {
    window.fftCharts.draw(figure, configs, { accept: (d) => d.trusts && d.trusts.length > 0 });
  }
})();
