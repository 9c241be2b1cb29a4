// The demo kiosk. Its token and exit code are public (README): they exist only with demo data, never in production.
// TypeScript, not YAML like the demo content (load.ts): a code constant that the seed and the tests import.
export const DEMO_KIOSKS = [
  {
    label: '长宁区行政服务中心 一楼大厅 1 号机',
    token: 'demo-kiosk-changning-hall-01',
    exitCode: '13579024',
  },
]
