// Images in documents (API.md §8), for the HTTP edge: who may upload, how often, what the
// bytes must be, and where they go. The document's image node holds only the url this
// answers; the bytes live in storage (ImageStore) and leave it only for people who can open
// the document, which the route checks on every read.
//
// An upload is two steps so the route can refuse before it reads a body: `admit` checks the
// role and spends one of the uploader's tokens, `store` checks the bytes and keeps them.
import { createHash, randomBytes } from 'node:crypto';
import { type ErrorCode, IMAGE_MAX_BYTES, Routes, type UploadImageResult } from '@inkwell/protocol';
import { ProtocolError } from '../errors.ts';
import { DocNotFoundError } from '../storage/errors.ts';
import type { ImageStore, StoredImage } from '../storage/image-store.ts';
import type { Role } from '../storage/member-store.ts';
import { TokenBucket } from '../util/token-bucket.ts';
import { sniffImageType } from './images-sniff.ts';
import { requireEditor } from './permissions.ts';

/** Uploads one person may make in a burst, and how many a second refill it (30 a minute). */
const UPLOAD_BURST = 30;
const UPLOADS_PER_SECOND = 0.5;
/** Past this many people with a bucket, full buckets (nobody uploading lately) are dropped. */
const BUCKETS_PRUNE_AT = 1_000;
/** What one document may hold in images; a bound on what one editor can make the server keep. */
export const IMAGE_BYTES_PER_DOC_MAX = 512 * 1024 * 1024;

/** An upload refused for what it is or how often it came; the edge answers with `code`. */
export class ImageError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'BAD_REQUEST' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'RATE_LIMITED'>,
    message: string,
    /** RATE_LIMITED: seconds until another upload is allowed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

export interface ImagesDeps {
  storage: ImageStore;
  now?: () => number;
  /** The clock of the upload rate limit (tests); performance.now by default. */
  monotonicNow?: () => number;
  maxBytesPerDoc?: number;
}

const MB = 1024 * 1024;

export class ImagesService {
  private readonly storage: ImageStore;
  private readonly now: () => number;
  private readonly maxBytesPerDoc: number;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly deps: ImagesDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? Date.now;
    this.maxBytesPerDoc = deps.maxBytesPerDoc ?? IMAGE_BYTES_PER_DOC_MAX;
  }

  /** Editors and owner only; then one upload of the person's budget. Throws before any byte is read. */
  admit(role: Role, userId: string): void {
    requireEditor(role, 'add images');
    const bucket = this.bucketOf(userId);
    if (!bucket.take()) {
      const seconds = Math.max(1, Math.ceil(bucket.msUntil(1) / 1000));
      throw new ImageError('RATE_LIMITED', `Too many images at once; try again in ${seconds} s`, seconds);
    }
  }

  /** Keeps the image (or finds the same bytes already in the document) and answers its url. */
  async store(docId: string, uploaderId: string, bytes: Uint8Array): Promise<UploadImageResult> {
    if (bytes.length === 0) throw new ImageError('BAD_REQUEST', 'The image is empty');
    if (bytes.length > IMAGE_MAX_BYTES) throw tooLarge();
    const contentType = sniffImageType(bytes);
    if (!contentType) throw new ImageError('UNSUPPORTED_MEDIA_TYPE', 'Only PNG, JPEG, GIF and WebP images can be added');
    const usage = await this.storage.imageUsage(docId);
    if (usage.bytes + bytes.length > this.maxBytesPerDoc) {
      throw new ImageError('PAYLOAD_TOO_LARGE', `This document already holds ${Math.round(usage.bytes / MB)} MB of images, its limit`);
    }
    const image: StoredImage = {
      id: randomBytes(12).toString('base64url'),
      docId,
      uploaderId,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      contentType,
      data: bytes,
      createdAt: this.now(),
    };
    try {
      const { image: kept } = await this.storage.putImage(image);
      return { url: Routes.image(docId, kept.id) };
    } catch (err) {
      // Deleted for good between the access check and now.
      if (err instanceof DocNotFoundError) throw new ProtocolError('NOT_FOUND', 'No such document');
      throw err;
    }
  }

  /** The image if the document holds it; the caller has checked the person may open the document. */
  read(docId: string, imageId: string): Promise<StoredImage | undefined> {
    return this.storage.getImage(docId, imageId);
  }

  private bucketOf(userId: string): TokenBucket {
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      if (this.buckets.size >= BUCKETS_PRUNE_AT) {
        for (const [id, b] of this.buckets) if (b.isFull) this.buckets.delete(id);
      }
      bucket = new TokenBucket(UPLOADS_PER_SECOND, UPLOAD_BURST, this.deps.monotonicNow);
      this.buckets.set(userId, bucket);
    }
    return bucket;
  }
}

export const tooLarge = (): ImageError => new ImageError('PAYLOAD_TOO_LARGE', `An image must be at most ${IMAGE_MAX_BYTES / MB} MB`);
