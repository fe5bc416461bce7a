import {
  Children,
  cloneElement,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type Ref,
} from 'react';

/**
 * The `asChild` pattern: `props` merged onto the only child element, whose own props win; classes
 * are joined. A plain function rather than a component, so no extra element sits between.
 */
export function mergeOntoChild(
  children: unknown,
  props: HTMLAttributes<HTMLElement>,
  ref: Ref<HTMLElement> | null,
): ReactElement | null {
  const child = Children.only(children);
  if (!isValidElement(child)) return null;
  const element = child as ReactElement<HTMLAttributes<HTMLElement> & { ref?: Ref<HTMLElement> }>;
  const className =
    [props.className, element.props.className].filter(Boolean).join(' ') || undefined;
  return cloneElement(element, {
    ...props,
    ...element.props,
    className,
    ...(ref ? { ref } : {}),
  });
}
