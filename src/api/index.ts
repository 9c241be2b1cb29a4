// The API as the app sees it: call(endpoints.x, args), with `import * as endpoints from '#schemas/endpoints'`
// (a namespace import, so the bundle keeps only the endpoints a chunk uses).
export { call, hrefOf } from './client'
