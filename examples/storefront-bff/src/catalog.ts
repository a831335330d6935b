import { z } from 'zod';

const CATALOG_URL = process.env.CATALOG_URL ?? 'http://catalog.internal:8080';

const Product = z.object({
  sku: z.string(),
  title: z.string(),
  priceMinor: z.number().int(),
  currency: z.string().length(3),
  stock: z.number().int(),
  images: z.array(z.object({ url: z.string().url(), width: z.number() })),
});

export type ProductCard = {
  sku: string;
  title: string;
  price: string;
  inStock: boolean;
  thumbnail: string | null;
};

/** Fetch a product from the catalogue service and shape it for a product card. */
export async function productCard(sku: string): Promise<ProductCard | null> {
  const res = await fetch(
    `${CATALOG_URL}/v2/products/${encodeURIComponent(sku)}`,
  );
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`catalog responded ${res.status}`);
  const product = Product.parse(await res.json());
  const smallest = [...product.images].sort((a, b) => a.width - b.width)[0];
  return {
    sku: product.sku,
    title: product.title,
    price: new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: product.currency,
    }).format(product.priceMinor / 100),
    inStock: product.stock > 0,
    thumbnail: smallest?.url ?? null,
  };
}
