/**
 * A first-in first-out list with constant-time `push` and `shift` (amortized): `Array#shift` and
 * reading the first key of a `Map` that had its front deleted can both walk the whole list.
 */
export class Fifo<Item> {
  private items: Array<Item | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: Item): void {
    this.items.push(item);
  }

  peek(): Item | undefined {
    return this.items[this.head];
  }

  shift(): Item | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Copying the live half once the dead half is as long keeps every shift O(1) on average.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
