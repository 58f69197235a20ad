import { useState } from 'react'
import Taro from '@tarojs/taro'
import { getToken } from './session'

/**
 * A page that shows the signed-in member's own data: `load()` sends a signed-out visitor to the login
 * page, else fetches; a failed fetch keeps what was shown and sets `failed`.
 */
export function useSignedInData<T>(fetch: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null)
  const [failed, setFailed] = useState(false)

  async function load(): Promise<void> {
    if (getToken() === undefined) {
      void Taro.navigateTo({ url: '/pages/login/index' })
      return
    }
    try {
      setData(await fetch())
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  return { data, setData, failed, load }
}
