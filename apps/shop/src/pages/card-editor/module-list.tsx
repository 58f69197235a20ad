import { useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { CARD_MODULE_KINDS, type CardModule, type CardModuleKind } from '../../card-api'
import { useI18n, type MessageKey } from '../../i18n'
import { buildModule, moveModule } from './module-builder'

interface ModuleListProps {
  modules: CardModule[]
  lockedModuleIds: readonly string[]
  onChange: (modules: CardModule[]) => void
}

/** The card's modules in order: move up and down, remove (not the template's), and add a new one. */
export function ModuleList({ modules, lockedModuleIds, onChange }: ModuleListProps) {
  const { t } = useI18n()
  const [kind, setKind] = useState<CardModuleKind>('products')
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const locked = new Set(lockedModuleIds)

  function add(): void {
    const built = buildModule(kind, title, text, modules)
    if (!built.ok) return setError(t(`editor.error.${built.error}` as MessageKey))
    setError(undefined)
    setTitle('')
    setText('')
    onChange([...modules, built.module])
  }

  return (
    <View className="card" id="editor-modules">
      <Text className="card__title">{t('editor.section.modules')}</Text>
      {modules.length === 0 && <Text className="muted">{t('editor.module.empty')}</Text>}
      {modules.map((module, index) => (
        <View key={module.id} className="editor-module" data-module-id={module.id}>
          <View className="editor-module__name">
            <Text>{module.title ?? t(`card.module.${module.kind}` as MessageKey)}</Text>
            {locked.has(module.id) && <Text className="tag editor-module__tag">{t('editor.module.lockedTag')}</Text>}
          </View>
          <View className="editor-module__actions">
            <Text className={`editor-link${index === 0 ? ' editor-link--off' : ''}`} onClick={() => onChange(moveModule(modules, index, -1))}>
              {t('editor.module.up')}
            </Text>
            <Text className={`editor-link${index === modules.length - 1 ? ' editor-link--off' : ''}`} onClick={() => onChange(moveModule(modules, index, 1))}>
              {t('editor.module.down')}
            </Text>
            {!locked.has(module.id) && (
              <Text className="editor-link editor-link--danger" onClick={() => onChange(modules.filter((each) => each.id !== module.id))}>
                {t('editor.module.remove')}
              </Text>
            )}
          </View>
        </View>
      ))}

      <View className="editor-add" id="editor-add-module">
        <Text className="editor-label">{t('editor.module.add')}</Text>
        <Picker mode="selector" range={CARD_MODULE_KINDS.map((each) => t(`card.module.${each}` as MessageKey))} value={CARD_MODULE_KINDS.indexOf(kind)} onChange={(event) => setKind(CARD_MODULE_KINDS[Number(event.detail.value)] ?? 'products')}>
          <View className="editor-input editor-picker" id="editor-module-kind">
            {t('editor.module.kind')}: {t(`card.module.${kind}` as MessageKey)} ▾
          </View>
        </Picker>
        <Input className="editor-input" id="editor-module-title" placeholder={t('editor.module.moduleTitle')} maxlength={30} value={title} onInput={(event) => setTitle(event.detail.value)} />
        <Text className="muted">{t(`editor.hint.${kind}` as MessageKey)}</Text>
        {kind !== 'contact_form' && (
          <Textarea className="editor-input editor-textarea" id="editor-module-content" placeholder={t('editor.module.content')} maxlength={4000} value={text} onInput={(event) => setText(event.detail.value)} />
        )}
        {error !== undefined && <Text className="error-text" id="editor-module-error">{error}</Text>}
        <View className="pill pill--ghost editor-add__button" id="editor-module-confirm" onClick={add}>
          {t('editor.module.confirmAdd')}
        </View>
      </View>
    </View>
  )
}
