import { computed, onMounted, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from '~/modules/i18n'
import { useFormAction } from './useFormAction'

export interface UseContentEditorOptions<T> {
  /** Fetches the item being edited. */
  load: (id: number) => Promise<T>
  /** Puts a loaded item into the page's form. */
  fill: (item: T) => void
  /** Creates (id null) or updates the item from the form; answers the saved item's id. */
  save: (id: number | null) => Promise<{ id: number }>
  /** The editor's address for a saved item, so a new item's page becomes its edit page. */
  pathOf: (id: number) => string
}

/**
 * An admin's editor for one article or benefit: the id from the address (`new` = none yet), the item loaded
 * into the form, and one save that creates or updates and reports as the other staff forms do.
 */
export function useContentEditor<T>(options: UseContentEditorOptions<T>) {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const id = computed(() => route.params.id && route.params.id !== 'new'
    ? Number(route.params.id)
    : null)
  const { busy, error, message, run, fail } = useFormAction()

  onMounted(async () => {
    if (id.value === null)
      return
    try {
      options.fill(await options.load(id.value))
    }
    catch (e) {
      fail(e)
    }
  })

  function save() {
    return run(async () => {
      const saved = await options.save(id.value)
      if (id.value === null)
        await router.replace(options.pathOf(saved.id))
      return t('staff.content.saved')
    })
  }

  return { id, busy, error, message, save }
}

/** A tags field ("诚信, 信用修复，社区") as the list the API takes. */
export function tagsOf(text: string): string[] {
  return text.split(/[,，\s]+/).map(s => s.trim()).filter(Boolean)
}

/**
 * A record's demo flag (示例数据) in an editor: set only on a record the demo seed wrote, so the editor offers its
 * DemoField there alone; sent back only then (the server keeps a flag that is not sent).
 */
export function useDemoFlag() {
  const isDemo = ref<boolean>()
  return {
    isDemo,
    load: (demo: boolean | undefined) => {
      isDemo.value = demo || undefined
    },
    input: (): { isDemo?: boolean } => isDemo.value === undefined
      ? {}
      : { isDemo: isDemo.value },
  }
}
