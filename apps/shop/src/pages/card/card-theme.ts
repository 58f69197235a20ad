import type { CardTheme } from '../../card-api'

export interface ThemeColors {
  /** The header band and the main buttons. */
  primary: string
  /** Text drawn on the primary colour. */
  onPrimary: string
  /** A light tint behind sections and tags. */
  tint: string
}

/** Each of the server's closed list of themes, as the card page paints it. */
export const THEME_COLORS: Record<CardTheme, ThemeColors> = {
  classic: { primary: '#e4393c', onPrimary: '#ffffff', tint: '#fff1f0' },
  business_blue: { primary: '#1f5fbf', onPrimary: '#ffffff', tint: '#eaf2ff' },
  ink: { primary: '#2f3640', onPrimary: '#f5f1e8', tint: '#f1efe9' },
  rose: { primary: '#c2456e', onPrimary: '#ffffff', tint: '#fdecf2' },
  forest: { primary: '#2e7d4f', onPrimary: '#ffffff', tint: '#e9f5ee' },
  night: { primary: '#1b1f3b', onPrimary: '#e8e6ff', tint: '#ecebf7' },
}

export const themeColors = (theme: CardTheme): ThemeColors => THEME_COLORS[theme] ?? THEME_COLORS.classic
