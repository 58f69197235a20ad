/**
 * A category chosen elsewhere (a home entrance) for the category tab to open with. switchTab
 * cannot carry a query string, so the choice waits here until the tab is shown.
 */
let pending: string | undefined

export function chooseCategory(categoryId: string): void {
  pending = categoryId
}

/** The waiting choice, once: a later visit to the tab keeps whatever the shopper picked there. */
export function takeChosenCategory(): string | undefined {
  const chosen = pending
  pending = undefined
  return chosen
}
