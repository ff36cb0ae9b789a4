import { PassThrough, Readable, Transform, TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { DomainError } from '../common/errors/domain-error';

/** What an uploaded workbook may unpack to (see readXlsx). */
export interface ArchiveLimits {
  /** The sum of the entries' uncompressed sizes (IMPORT_MAX_UNPACKED_BYTES). */
  maxUnpackedBytes: number;
}

/** The repacked workbook, streamed, and how its unpacking ended. */
export interface CheckedWorkbook {
  /** The repacked archive. It never emits 'error': a failure ends it early and rejects `failed`. */
  stream: Readable;
  /** Rejects with the BAD_USER_INPUT refusal when unpacking fails; never resolves otherwise. */
  failed: Promise<never>;
  /** The refusal once unpacking failed, else null (read it after the reader finished: a cut stream can look complete). */
  failure(): DomainError | null;
  /** Stops unpacking (the reader stopped early, or finished). */
  close(): void;
}

/** An XLSX has a dozen entries, a few hundred with many sheets and images; thousands is a probe. */
export const MAX_ARCHIVE_ENTRIES = 1_000;
/** Spreadsheet XML deflates 10 to 50 times; a bomb, thousands of times. Checked for entries over MIN_RATIO_CHECKED_BYTES. */
export const MAX_COMPRESSION_RATIO = 200;
const MIN_RATIO_CHECKED_BYTES = 1024 * 1024;

/** The entries exceljs's streaming reader needs for the first sheet's cell values, in the order it wants them. */
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_SHARED_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

function refused(problem: string): DomainError {
  return DomainError.badInput('file', problem);
}

/**
 * Checks an uploaded workbook's central directory before anything is unpacked
 * (entry count, declared sizes, compression ratios, encryption), then repacks
 * the few entries the reader needs into a new archive, streamed: shared strings
 * before the sheet, so that exceljs never parks a sheet in a temp file, and no
 * entry the directory does not list (a ZIP read front to back, as exceljs reads
 * it, could otherwise hold entries nobody checked). Unpacking is counted too:
 * yauzl fails an entry that inflates beyond its declared size, and the total is
 * held to the limit whatever the directory says. Failures are BAD_USER_INPUT.
 */
export async function checkedWorkbookStream(buffer: Buffer, limits: ArchiveLimits): Promise<CheckedWorkbook> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw refused(`is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  if (zip.entryCount > MAX_ARCHIVE_ENTRIES) {
    zip.close();
    throw refused(`holds ${zip.entryCount} archive entries; a workbook has at most ${MAX_ARCHIVE_ENTRIES}`);
  }
  const wanted = new Map<string, yauzl.Entry>();
  let sheet: yauzl.Entry | null = null;
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) {
        throw refused(`unpacks to more than ${limits.maxUnpackedBytes} bytes (IMPORT_MAX_UNPACKED_BYTES); split it into several imports`);
      }
      if (entry.uncompressedSize > MIN_RATIO_CHECKED_BYTES && entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)) {
        throw refused(`has an entry (${entry.fileName.slice(0, 100)}) compressed more than ${MAX_COMPRESSION_RATIO} times; it is not an ordinary workbook`);
      }
      if (entry.isEncrypted()) throw refused('is encrypted; save it without a password');
      if (entry.fileName === WORKBOOK_RELS || entry.fileName === WORKBOOK || entry.fileName === SHARED_STRINGS) wanted.set(entry.fileName, entry);
      else if (!sheet && WORKSHEET.test(entry.fileName)) sheet = entry;
    }
  } catch (error) {
    zip.close();
    if (error instanceof DomainError) throw error;
    throw refused(`is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!sheet) {
    zip.close();
    throw refused('has no worksheet; the first sheet must hold the header row and the values');
  }

  const out = new yazl.ZipFile();
  const output = out.outputStream as Readable;
  // What the reader is given: a stream that never emits 'error' (exceljs pipes its input
  // without listening for one, so an error there would be uncaught and end the process).
  // A failure is kept in `failed` instead, and the feed ends so the reader stops.
  const feed = new PassThrough();
  let cause: DomainError | null = null;
  let rejectFailed: (refusal: DomainError) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    rejectFailed = reject;
  });
  const failure = (error: Error) => {
    if (cause) return;
    cause = error instanceof DomainError ? error : refused(`is not a readable XLSX workbook (${error.message})`);
    rejectFailed(cause);
    output.unpipe(feed);
    output.destroy();
    feed.end();
    zip.close();
  };
  // Whoever reads the workbook may stop before the failure (a bad header): it must not go unhandled then either.
  failed.catch(() => undefined);
  output.on('error', failure);
  zip.on('error', failure);
  const budget = { left: limits.maxUnpackedBytes };
  const add = (entry: yauzl.Entry) =>
    // Lazily: yazl opens each entry when the previous one is written, so one inflates at a time.
    out.addReadStreamLazy(entry.fileName, { compress: true, compressionLevel: 1 }, (callback) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return failure(error);
        const counted = new UnpackedBytesBudget(budget, limits.maxUnpackedBytes);
        // yauzl fails an entry whose inflated size differs from the directory's: that error is the stream's, handled here.
        stream.on('error', failure);
        counted.on('error', failure);
        stream.pipe(counted);
        callback(null, counted);
      });
    });
  for (const name of [WORKBOOK_RELS, WORKBOOK]) {
    const entry = wanted.get(name);
    if (entry) add(entry);
  }
  const sharedStrings = wanted.get(SHARED_STRINGS);
  if (sharedStrings) add(sharedStrings);
  else out.addBuffer(Buffer.from(EMPTY_SHARED_STRINGS, 'utf8'), SHARED_STRINGS, { compress: false });
  add(sheet);
  out.end();
  output.once('end', () => zip.close());
  output.pipe(feed);
  return {
    stream: feed,
    failed,
    failure: () => cause,
    close: () => {
      output.unpipe(feed);
      output.destroy();
      feed.destroy();
      zip.close();
    },
  };
}

/** Passes bytes through while the shared budget of unpacked bytes lasts. */
class UnpackedBytesBudget extends Transform {
  constructor(
    private readonly budget: { left: number },
    private readonly limit: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.budget.left -= chunk.length;
    if (this.budget.left < 0) {
      callback(refused(`unpacks to more than ${this.limit} bytes (IMPORT_MAX_UNPACKED_BYTES); split it into several imports`));
      return;
    }
    callback(null, chunk);
  }
}
