// cluster-key-slot ships no types: the one function the tests use.
declare module 'cluster-key-slot' {
  const calculateSlot: (key: string) => number;
  export default calculateSlot;
}
