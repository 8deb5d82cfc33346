/**
 * The JSON API's schemas (zod): one definition validates requests and generates `/openapi.json`.
 * Response schemas describe the record JSON of ARCHITECTURE.md ("Record JSON") and the shapes of
 * the history and search layers.
 */
import { z } from '@hono/zod-openapi';
import { CORRECTION_KINDS } from '../../ingest/corrections.js';
import { MAX_QUERY_LENGTH } from '../../search/search-codes.js';

/** Longest value of a plain parameter (codes, release ids, dates, filters). */
export const MAX_PARAM_LENGTH = 200;

/** An OpenAPI response of JSON with its schema and what it means. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const releaseRef = z.string().max(MAX_PARAM_LENGTH).optional().openapi({
  description:
    'release id (YYYY-MM: the latest revision of that quarter) or key (YYYY-MM_vN); default: the latest release',
  example: '2026-01',
});

export const CodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(MAX_PARAM_LENGTH)
    .openapi({
      param: { name: 'code', in: 'path' },
      description: 'HCPCS code or modifier',
      example: 'J1640',
    }),
});

export const ReleaseQuery = z.object({ release: releaseRef });

export const CodesQuery = z.object({
  codes: z
    .string()
    .min(1)
    .max(8_000)
    .openapi({ description: 'comma-separated codes, up to 1,000', example: 'J1640,E0100,LT' }),
  release: releaseRef,
});

export const LookupBody = z
  .object({
    codes: z
      .array(z.string().max(MAX_PARAM_LENGTH))
      .min(1)
      .openapi({ example: ['J1640', 'E0100', 'LT'] }),
    release: releaseRef,
  })
  .openapi('LookupRequest');

const FieldWarning = z.object({ field: z.string(), value: z.string(), problem: z.string() });

export const RecordSchema = z
  .object({
    code: z.string().openapi({ example: 'J1640' }),
    kind: z.enum(['procedure', 'modifier']),
    release: z.string().openapi({ example: '2026-01' }),
    longDescription: z.string(),
    shortDescription: z.string().nullable(),
    pricingIndicators: z.array(z.string()),
    multiplePricingIndicator: z.string().nullable(),
    cimReferences: z.array(z.string()),
    mcmReferences: z.array(z.string()),
    statute: z.string().nullable(),
    labCertifications: z.array(z.string()),
    crossReferences: z.array(z.string()),
    coverage: z.string().nullable(),
    ascGroup: z.string().nullable(),
    ascEffectiveDate: z.string().nullable(),
    mogGroup: z.string().nullable(),
    mogPolicyIndicator: z.string().nullable(),
    mogEffectiveDate: z.string().nullable(),
    processingNote: z.string().nullable(),
    betos: z.string().nullable(),
    typesOfService: z.array(z.string()),
    anesthesiaBaseUnits: z.union([z.number(), z.string()]).nullable(),
    addedDate: z.string().nullable(),
    actionEffectiveDate: z.string().nullable(),
    terminationDate: z.string().nullable(),
    actionCode: z.string().nullable(),
    warnings: z.array(FieldWarning),
  })
  .openapi('Record');

const Status = z.object({
  status: z.enum(['active', 'terminated']),
  terminationDate: z.string().nullable(),
  text: z.string(),
});

const Decoded = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()]));

/** One row of a CMS corrections list (ingest/corrections.ts), as the views give it out. */
const CorrectionSchema = z
  .object({
    kind: z.enum(CORRECTION_KINDS),
    action: z.string().openapi({ description: "CMS's words", example: 'Change Cov to C and Price to 39' }),
    effectiveDate: z.string().nullable(),
    source: z.string().openapi({ description: 'file, sheet and row of the corrections list' }),
  })
  .passthrough();

export const CodeViewSchema = RecordSchema.extend({
  releaseKey: z.string().openapi({ example: '2026-01_v1' }),
  status: Status,
  decoded: Decoded.openapi({ description: 'code-table label of every coded field' }),
  definitions: z.record(z.string(), z.string()).openapi({ description: 'CMS definition of every field' }),
  processingNoteText: z.object({ text: z.string(), fromRelease: z.string() }).nullable(),
  correctedStatus: Status.nullable().openapi({
    description:
      "the status at the release's start once CMS's corrections dated by then are put in, when it is not the file's (`status`); null otherwise",
  }),
  corrections: z.array(CorrectionSchema.extend({ release: z.string(), message: z.string() })).openapi({
    description:
      "CMS's corrections list for the release's quarter, for this code, with what each changes in the record as published (the values above)",
  }),
  notInFile: z.string().optional().openapi({
    description:
      "present when the release's file as published lacks the code and CMS's corrections add it (J1095 in 2019-01): the values are as the corrections give them, over the nearest file's record of the code",
  }),
}).openapi('CodeView');

export const CodeBatchSchema = z
  .object({
    release: z.string(),
    records: z.array(RecordSchema.extend({ status: Status, decoded: Decoded })),
    notFound: z.array(z.object({ code: z.string(), message: z.string() })),
    definitions: z.record(z.string(), z.string()),
  })
  .openapi('CodeBatch');

export const ErrorSchema = z
  .object({
    code: z.enum([
      'HCPCS_E_USAGE',
      'HCPCS_E_INPUT',
      'HCPCS_E_NOT_FOUND',
      'HCPCS_E_CONFLICT',
      'HCPCS_E_INTERNAL',
    ]),
    message: z.string(),
  })
  .openapi('Error');

const SourceFile = z.object({
  path: z.string(),
  name: z.string(),
  role: z.string(),
  sha256: z.string(),
  size: z.number(),
});

export const ReleaseSchema = z
  .object({
    key: z.string().openapi({ example: '2025-10_v4' }),
    id: z.string().openapi({ example: '2025-10' }),
    revision: z.number(),
    superseded: z.boolean(),
    effectiveDate: z.string(),
    sourceOfRecord: z.string(),
    importedAt: z.string(),
    counts: z.object({
      records: z.number(),
      procedures: z.number(),
      modifiers: z.number(),
      active: z.number(),
      terminated: z.number(),
      warnings: z.number(),
      processingNotes: z.number(),
    }),
    files: z.array(SourceFile).readonly(),
  })
  .openapi('Release');

export const ReleaseDetailSchema = ReleaseSchema.extend({
  readme: z.string().nullable(),
  recordLayout: z.string().nullable(),
  preamble: z.string().nullable(),
  reconciliation: z.unknown().nullable(),
  corrections: z
    .array(CorrectionSchema.extend({ code: z.string() }))
    .openapi({ description: "CMS's corrections lists for the release's quarter, row by row" }),
  correctionsLists: z
    .array(
      z.object({
        release: z.string(),
        file: z.string(),
        entries: z.number().int(),
        error: z.string().nullable(),
        supersededBy: z.string().optional().openapi({
          description:
            'a later version of the list that repeats at least half of its rows: the list is kept, and none of its rows is in `corrections`',
        }),
      }),
    )
    .openapi({
      description:
        "the corrections list files of the release's quarter as read: the rows of those in force are `corrections`",
    }),
}).openapi('ReleaseDetail');

export const ReleaseIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(MAX_PARAM_LENGTH)
    .openapi({ param: { name: 'id', in: 'path' }, example: '2025-10_v4' }),
});

const csvList = (description: string) => z.string().max(MAX_PARAM_LENGTH).optional().openapi({ description });

export const SearchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .openapi({ description: 'codes, ranges or words', example: 'power wheelchair' }),
  release: releaseRef,
  status: z.enum(['active', 'terminated', 'all']).optional(),
  date: z.string().max(MAX_PARAM_LENGTH).optional().openapi({
    description:
      'ISO date for status and order (default: the release effective date); with a date, the codes in effect on it come first unless order=relevance',
  }),
  order: z.enum(['relevance', 'in-effect-first']).optional().openapi({
    description:
      'in-effect-first: codes in effect on the date (added on or before it, not terminated before it) before the others, relevance order within each group; default: in-effect-first when a date is given, else relevance',
  }),
  kind: z.enum(['procedure', 'modifier']).optional(),
  range: csvList('code range (J1000-J1099), prefix (E01) or letter (J)'),
  betos: csvList('BETOS code or prefix (O1E)'),
  coverage: csvList('coverage code (C, D, I, M, S)'),
  pricingIndicator: csvList('a pricing indicator (51)'),
  noc: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'only (true) or no (false) "not otherwise classified" codes' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'hits per page, 1..1000 (default 20)' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const SearchResultSchema = z
  .object({
    total: z.number(),
    release: z.string(),
    partial: z.boolean(),
    query: z.string(),
    hits: z.array(
      z.object({
        code: z.string(),
        shortDescription: z.string().nullable(),
        longDescription: z.string(),
        status: z.enum(['active', 'terminated']),
        release: z.string(),
        matched: z.array(z.string()),
        kind: z.enum(['procedure', 'modifier']),
        score: z.number(),
        partial: z.boolean(),
        via: z.enum(['index', 'drug-table']).optional(),
        references: z.array(z.string()).optional(),
        noc: z.boolean(),
      }),
    ),
  })
  .openapi('SearchResult');

export const DiffQuery = z.object({
  from: z.string().min(1).max(MAX_PARAM_LENGTH).openapi({ example: '2025-10_v1' }),
  to: z.string().min(1).max(MAX_PARAM_LENGTH).openapi({ example: '2025-10_v4' }),
  format: z.enum(['json', 'csv']).optional(),
  actionFields: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'also report action code and action effective date changes' }),
});

export const CheckQuery = z.object({
  code: z.string().min(1).max(MAX_PARAM_LENGTH).openapi({ example: 'J1412' }),
  date: z.string().max(MAX_PARAM_LENGTH).optional().openapi({
    description: "date of service (default: today in the server's time zone)",
    example: '2023-12-15',
  }),
  modifier: z
    .union([z.string().max(MAX_PARAM_LENGTH), z.array(z.string().max(MAX_PARAM_LENGTH)).max(10)])
    .optional()
    .openapi({ description: 'a modifier; repeat for several' }),
});

/** Loose schemas for shapes owned by the history layer (documented, not re-validated). */
export const HistorySchema = z
  .object({
    code: z.string(),
    events: z.array(z.object({ release: z.string(), type: z.string() }).passthrough()),
  })
  .passthrough()
  .openapi('CodeHistory');

export const DiffSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    added: z.array(z.string()),
    removed: z.array(z.unknown()),
    terminated: z.array(z.unknown()),
    reactivated: z.array(z.string()),
    changed: z.array(
      z.object({ code: z.string(), field: z.string(), from: z.unknown(), to: z.unknown() }).passthrough(),
    ),
    corrections: z
      .array(
        CorrectionSchema.extend({
          code: z.string(),
          release: z.string(),
          releaseId: z.string(),
          what: z.string(),
          message: z.string(),
        }),
      )
      .openapi({
        description:
          "CMS's corrections lists for the quarter of either release: the diff compares the files as published, these say where CMS corrected them",
      }),
  })
  .passthrough()
  .openapi('ReleaseDiff');

export const CheckResultSchema = z
  .object({
    code: z.string(),
    date: z.string(),
    valid: z.boolean(),
    status: z.string(),
    reasons: z.array(z.string()),
    release: z.string().nullable(),
    replacedBy: z.array(z.string()),
  })
  .passthrough()
  .openapi('CheckResult');

export const DictionarySchema = z
  .object({
    fields: z.array(
      z.object({
        key: z.string(),
        number: z.number(),
        cmsName: z.string(),
        label: z.string(),
        start: z.number(),
        length: z.number(),
        occurs: z.number(),
        type: z.string(),
        definition: z.string(),
        workbookColumns: z.array(z.string()),
        table: z.string().nullable(),
      }),
    ),
    tables: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        entries: z.array(z.object({ code: z.string(), label: z.string(), group: z.string().optional() })),
      }),
    ),
  })
  .openapi('Dictionary');
