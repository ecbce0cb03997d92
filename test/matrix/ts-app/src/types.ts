export interface Item {
  name: string
  price: number
}
