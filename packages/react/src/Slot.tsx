import {
  Children,
  cloneElement,
  forwardRef,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type Ref,
} from 'react';

/**
 * Merges its props onto its only child element (the `asChild` pattern): the child's own props win,
 * classes are joined. `forwardRef` rather than a `ref` prop, so React 18 passes the ref too.
 */
export const Slot = /* @__PURE__ */ forwardRef<HTMLElement, HTMLAttributes<HTMLElement>>(
  function Slot({ children, ...props }, ref) {
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
  },
);
