// A page the server rendered shows its content without the app's code, so the code need not compete with the first
// paint: in the rendered page the shell's entry script and module preloads are taken out of the head and loaded by
// a small inline script once the page has painted (or at once in a hidden tab, which paints nothing). Until then
// the page works as HTML: its links are links and its filters and searches plain GET forms. On a slow line the
// stylesheet and the pictures in view no longer share it with the app's code, and on a slow phone the first paint no
// longer waits behind the app's start (which the browser may run before painting when the HTML is parsed quickly).
// The shell (a page not rendered) keeps its script in the head: there, nothing shows until the code runs.
import { createHash } from 'node:crypto'

/** JSON that can sit inside a <script> element: no `</script>`, no HTML comment, no line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The shell's entry script and its module preloads, as Vite writes them into index.html. */
const CODE_TAGS = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*|<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g

/** Where the rendered page lists its code for the loader (a JSON array: the entry first, then preloads). */
export const CODE_LIST_ID = 'app-code'

/**
 * How many of the code's tags are added in one task: each starts a request, which costs a phone's main thread a
 * little (and Chromium's tracing, as in Lighthouse, much more); twenty-odd at once made one long task, and six a
 * task still made tasks of 10–25 ms (unthrottled) in Lighthouse's traces.
 */
const TAGS_PER_TASK = 2

/** The longest the code waits for the page's own resources (a slow picture) and its first paint before it loads anyway. */
const LOAD_WAIT_MS = 2500

/**
 * Loads the code listed in #app-code once the page has loaded and painted: after the load event (the page's
 * stylesheets and the pictures in view are in; or after LOAD_WAIT_MS at most) and the browser's report of the first
 * contentful paint (Paint Timing: the frame shown, not merely requested; where that is missing, a frame is
 * requested), the code's tags are added in tasks, a few at a time. A tap on a button before the app has taken
 * the page over (a switch, a "show more") is held, starts the code at once, and is given to the app to replay
 * (window.__earlyClicks, src/modules/early-clicks.ts); so is the sending of a form without an `action` (one that
 * only the app can send, such as the report check: sent as HTML it would reload the page and lose what was typed),
 * as a tap on its submit button. Links and GET forms with an action work as HTML and are left alone. The
 * same text on every page, allowed by its hash in the security policy (plugins/security.ts), so no other inline
 * script can run.
 */
export const CODE_LOADER = '(function(){var d=document,w=window,started=false;function load(){if(started)return;started=true;'
  + `var list=JSON.parse(d.getElementById('${CODE_LIST_ID}').textContent),i=0;(function add(){`
  + `for(var n=0;n<${TAGS_PER_TASK}&&i<list.length;n++,i++){var e=d.createElement(i?'link':'script');`
  + 'if(i){e.rel=\'modulepreload\';e.href=list[i]}else{e.type=\'module\';e.src=list[i]}e.crossOrigin=\'\';d.head.appendChild(e)}'
  + 'if(i<list.length)setTimeout(add,0)})()}'
  + 'w.__earlyClicks=[];d.addEventListener(\'click\',function(e){var b=w.__earlyClicks&&e.target.closest&&'
  + 'e.target.closest(\'button:not([type=submit])\');if(!b)return;e.preventDefault();e.stopPropagation();'
  + 'w.__earlyClicks.push(b);load()},true);'
  + 'd.addEventListener(\'submit\',function(e){var f=e.target,b;if(!w.__earlyClicks||f.hasAttribute(\'action\'))return;'
  + 'b=e.submitter||f.querySelector(\'[type=submit]\');if(!b)return;e.preventDefault();if(w.__earlyClicks.indexOf(b)<0)w.__earlyClicks.push(b);load()},true);'
  + 'function later(){var P=w.PerformanceObserver,o;if(!P||(P.supportedEntryTypes||[]).indexOf(\'paint\')<0)'
  + 'return requestAnimationFrame(function(){setTimeout(load,0)});'
  + 'o=new P(function(l){if(l.getEntriesByName(\'first-contentful-paint\').length){o.disconnect();setTimeout(load,0)}});'
  + 'o.observe({type:\'paint\',buffered:true})}'
  + `if(d.visibilityState==='hidden')load();else{setTimeout(load,${LOAD_WAIT_MS});`
  + 'if(d.readyState===\'complete\')later();else w.addEventListener(\'load\',later)}})()'

/** The loader's hash as a CSP source expression. */
export const CODE_LOADER_CSP = `'sha256-${createHash('sha256').update(CODE_LOADER).digest('base64')}'`

/**
 * The rendered page's HTML with its code loaded after the first paint: the shell's code tags are removed from
 * `shell` and listed, with `moreCode` (the rendered components' modules), in a JSON element read by the loader
 * placed at the end of the body. A shell without an entry script is returned as it is.
 */
export function loadCodeAfterPaint(shell: string, moreCode: readonly string[] = []): string {
  const code: string[] = []
  const entry: string[] = []
  const html = shell.replace(CODE_TAGS, (_tag, script: string | undefined, preload: string | undefined) => {
    if (script)
      entry.push(script)
    else if (preload)
      code.push(preload)
    return ''
  })
  if (entry.length !== 1)
    return shell
  const list = [
    ...new Set([
      entry[0]!,
      ...code,
      ...moreCode,
    ]),
  ]
  return html.replace('</body>', `<script type="application/json" id="${CODE_LIST_ID}">${scriptSafeJson(list)}</script>`
    + `<script>${CODE_LOADER}</script></body>`)
}
