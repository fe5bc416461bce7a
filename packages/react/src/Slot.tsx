import {
  Children,
  cloneElement,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type Ref,
} from 'react';

/** Merges its props onto its only child element (the `asChild` pattern); the child's handlers and classes are kept. */
export function Slot({
  children,
  ref,
  ...props
}: HTMLAttributes<HTMLElement> & { ref?: Ref<HTMLElement> | undefined }) {
  const child = Children.only(children);
  if (!isValidElement(child)) return null;
  const element = child as ReactElement<HTMLAttributes<HTMLElement> & { ref?: Ref<HTMLElement> }>;
  const className =
    [props.className, element.props.className].filter(Boolean).join(' ') || undefined;
  return cloneElement(element, { ...props, ...element.props, className, ...(ref ? { ref } : {}) });
}
