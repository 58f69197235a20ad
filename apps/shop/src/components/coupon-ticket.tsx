import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { CouponRule } from '../api-types'
import { useI18n } from '../i18n'
import { couponCondition, couponFace } from '../promotions'
import './coupon-ticket.css'

interface CouponTicketProps {
  id?: string
  name: string
  rule: CouponRule
  /** Validity line, already worded by the caller. */
  validity: string
  scope: string
  /** Greyed out: used, expired or not usable here. */
  dimmed?: boolean
  active?: boolean
  /** The right-hand action (a claim button, a status stamp, a check mark). */
  children?: ReactNode
  onClick?: () => void
  data?: Record<string, string>
}

/** A coupon drawn as a ticket: the amount on a red stub, the rule and validity beside it. */
export function CouponTicket(props: CouponTicketProps) {
  const { locale } = useI18n()
  const classes = ['coupon-ticket', props.dimmed === true ? 'coupon-ticket--dimmed' : '', props.active === true ? 'coupon-ticket--active' : '']
  const dataAttributes = Object.fromEntries(Object.entries(props.data ?? {}).map(([key, value]) => [`data-${key}`, value]))
  return (
    <View id={props.id} className={classes.filter((name) => name !== '').join(' ')} onClick={props.onClick} {...dataAttributes}>
      <View className="coupon-ticket__stub">
        <Text className="coupon-ticket__face">{couponFace(props.rule, locale)}</Text>
        <Text className="coupon-ticket__condition">{couponCondition(props.rule, locale)}</Text>
      </View>
      <View className="coupon-ticket__body">
        <Text className="coupon-ticket__name">{props.name}</Text>
        <Text className="coupon-ticket__scope">{props.scope}</Text>
        <Text className="coupon-ticket__validity">{props.validity}</Text>
      </View>
      <View className="coupon-ticket__action">{props.children}</View>
    </View>
  )
}
