/** Whether `at` lies in one of `spans` (`[start, end)`, in order, not overlapping): a binary search. */
export function inSpans(spans: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (at < spans[mid][0]) high = mid - 1;
    else if (at >= spans[mid][1]) low = mid + 1;
    else return true;
  }
  return false;
}
