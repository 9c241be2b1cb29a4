// Demo accounts (demo data only; listed in the README as such): one district admin and one staff account per
// street, all with the same demo password. A real deployment starts without them and creates its first admin
// with `npm run admin:create`.
// TypeScript, not YAML like the demo content (load.ts): constants and a naming rule that the seed and the tests import.
export const DEMO_PASSWORD = 'changning-demo-2026'

export const DEMO_ADMIN = { username: 'demo-admin', displayName: '区信用办（演示）' }

/** staff-<street key>, e.g. staff-jiangsu-road. */
export function demoStaffUsername(streetKey: string): string {
  return `staff-${streetKey}`
}
