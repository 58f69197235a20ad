import { Text, View } from '@tarojs/components'
import './quantity-stepper.css'

interface Props {
  value: number
  min?: number
  max: number
  onChange: (value: number) => void
  /** Prefix for the ids of the buttons and value, e.g. "product-qty" → #product-qty-plus. */
  idPrefix?: string
}

/** − n + bounded to [min, max]; plain Views so h5 does not grey the buttons out via a stray disabled attribute. */
export function QuantityStepper({ value, min = 1, max, onChange, idPrefix }: Props) {
  const canDecrease = value > min
  const canIncrease = value < max
  return (
    <View className="qty-stepper">
      <View
        id={idPrefix === undefined ? undefined : `${idPrefix}-minus`}
        className={`qty-stepper__button${canDecrease ? '' : ' qty-stepper__button--disabled'}`}
        onClick={(event) => {
          event.stopPropagation()
          if (canDecrease) onChange(value - 1)
        }}
      >
        <Text>−</Text>
      </View>
      <Text id={idPrefix === undefined ? undefined : `${idPrefix}-value`} className="qty-stepper__value">
        {value}
      </Text>
      <View
        id={idPrefix === undefined ? undefined : `${idPrefix}-plus`}
        className={`qty-stepper__button${canIncrease ? '' : ' qty-stepper__button--disabled'}`}
        onClick={(event) => {
          event.stopPropagation()
          if (canIncrease) onChange(value + 1)
        }}
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
