// Contrast measured in the page from the computed colours, as WCAG defines it: the text's (or a
// focus ring's) colour, faded by opacity, against every colour the background behind it can show
// (each gradient stop, each translucent layer blended onto the ones below), keeping the worst.

/** One measured contrast. */
export interface MeasuredContrast {
  target: string
  text: string
  ratio: number
  /** What WCAG asks: 4.5, or 3 for large text and for focus rings (non-text contrast). */
  needed: number
}

/**
 * Runs inside the page (`page.evaluate(measureContrastInPage, …)`): self-contained, no imports.
 * `of: 'text'` measures each target's text; `of: 'focus-ring'` measures the outline of the
 * focused element (or of the box around a focused input), the targets being ignored.
 *
 * @example
 * await page.evaluate(measureContrastInPage, { targets: ['.tag'], of: 'text' })
 */
export function measureContrastInPage(request: {
  targets: string[]
  of: 'text' | 'focus-ring'
}): MeasuredContrast[] {
  type Rgba = [number, number, number, number]
  const parse = (text: string): Rgba[] =>
    [...text.matchAll(/rgba?\(([^)]+)\)/g)].map((match) => {
      const [r, g, b, a] = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number)
      return [r!, g!, b!, a ?? 1]
    })
  const over = (top: Rgba, below: Rgba): Rgba => {
    const a = top[3]
    return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba
  }
  const luminance = ([r, g, b]: Rgba) => {
    const lin = (c: number) => {
      const s = c / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (hi! + 0.05) / (lo! + 0.05)
  }
  // Every colour the background behind an element can show, from the page's canvas up.
  const backgrounds = (element: Element | null): Rgba[] => {
    const layers: Element[] = []
    for (let node = element; node; node = node.parentElement) layers.unshift(node)
    let candidates: Rgba[] = [[255, 255, 255, 1]]
    for (const layer of layers) {
      const style = getComputedStyle(layer)
      const solid = parse(style.backgroundColor)[0]
      const stops = parse(style.backgroundImage).filter((stop) => stop[3] > 0)
      if (solid && solid[3] > 0) candidates = candidates.map((below) => over(solid, below))
      if (stops.length > 0) {
        const base = candidates
        candidates = stops.flatMap((stop) => base.map((below) => over(stop, below)))
      }
    }
    return candidates
  }
  const faded = (colour: Rgba, element: Element): Rgba => {
    let alpha = colour[3]
    for (let node: Element | null = element; node; node = node.parentElement)
      alpha *= Number(getComputedStyle(node).opacity)
    return [colour[0], colour[1], colour[2], alpha]
  }
  const worst = (colour: Rgba, behind: Rgba[]) =>
    Math.min(...behind.map((bg) => ratio(over(colour, bg), bg)))

  if (request.of === 'focus-ring') {
    const focused = document.activeElement
    if (!focused || focused === document.body) return []
    // Inputs show their ring on the box around them (the box with the prefix).
    const ringed =
      getComputedStyle(focused).outlineStyle === 'none'
        ? (focused.closest('.input-plain, .input-group') ?? focused)
        : focused
    const style = getComputedStyle(ringed)
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth)
    const label = (focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim()
    return [
      {
        target: `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''}`,
        text: label.slice(0, 60) || (focused as HTMLInputElement).name || '',
        // No ring at all, or a hairline, counts as no contrast.
        ratio:
          width >= 2
            ? worst(faded(parse(style.outlineColor)[0]!, ringed), backgrounds(ringed.parentElement))
            : 1,
        needed: 3,
      },
    ]
  }
  return request.targets.map((target) => {
    const element = document.querySelector(target)!
    const style = getComputedStyle(element)
    const size = parseFloat(style.fontSize)
    const bold = Number(style.fontWeight) >= 700
    const large = size >= 24 || (bold && size >= 18.66)
    return {
      target,
      text: (element.textContent ?? '').trim().slice(0, 60),
      ratio: worst(faded(parse(style.color)[0]!, element), backgrounds(element)),
      needed: large ? 3 : 4.5,
    }
  })
}
