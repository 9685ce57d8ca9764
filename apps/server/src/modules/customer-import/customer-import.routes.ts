import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CUSTOMER_IMPORT_COLUMNS, CUSTOMER_IMPORT_MAX_BYTES, customerExportQuerySchema, customerImportPreviewSchema, customerImportQuerySchema, customerImportResultSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import { requestLocale } from '../../http/error-handler.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { AppError, invalid } from '../../lib/app-error.js';
import { assertCanImport, confirmCustomerImport, previewCustomerImport } from './customer-import.service.js';
import { exportCustomersFile, importTemplateWorkbook, XLSX_TYPE } from './customer-import.xlsx.js';

const tags = ['customers'];

const IMPORT_DESCRIPTION = `Multipart field "file": a CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves it in China) or an
Excel .xlsx workbook (first sheet), up to ${CUSTOMER_IMPORT_MAX_BYTES / 1024 / 1024} MB, with a header row. Columns (Chinese or English headers,
e.g. 姓名/name, 类型/type (个人/组织), 电话/phones (several separated by ; ， / 、), 身份证号/idCard, 地址/address, 邮箱/email,
组织/organization (name of an existing organization or of an organization row in the file), 等级/grade (A–E), 标签/tags, 备注/notes):
${CUSTOMER_IMPORT_COLUMNS.join(', ')}. Our own export (GET /customer-import/export, revealed) re-imports as it is.
onExisting=error (default): a phone that already belongs to a customer is a row error; onExisting=skip: such rows are skipped.`;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Streams the uploaded file to a temporary file (big imports never sit in memory), runs `work` on it, removes it. */
async function withUpload<T>(request: FastifyRequest, work: (path: string, fileName: string) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) throw invalid('cimp_no_file');
  const file = await request.file({ limits: { fileSize: CUSTOMER_IMPORT_MAX_BYTES, files: 1 } });
  if (!file) throw invalid('cimp_no_file');
  const dir = await mkdtemp(join(tmpdir(), 'kefu-customer-import-'));
  try {
    const path = join(dir, 'upload');
    try {
      await pipeline(file.file, createWriteStream(path));
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { limit: megabytes(CUSTOMER_IMPORT_MAX_BYTES) });
      throw error;
    }
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { limit: megabytes(CUSTOMER_IMPORT_MAX_BYTES) });
    return await work(path, file.filename);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const customerImportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.post('/customer-import/preview', {
    schema: {
      tags, summary: 'Preview a customer file: columns found, counts, per-row errors, the first rows (nothing is written; customers.import)',
      description: IMPORT_DESCRIPTION, consumes: ['multipart/form-data'], querystring: customerImportQuerySchema, response: { 200: customerImportPreviewSchema },
    },
  }, async (request) => {
    const actor = Object.assign({}, actorOf(request), { locale: requestLocale(request) });
    assertCanImport(actor);
    return withUpload(request, (path) => previewCustomerImport({ db, actor, source: { path }, query: request.query }));
  });

  app.post('/customer-import/confirm', {
    schema: {
      tags, summary: 'Import a customer file: every row or none (400 with details.errors when any row is invalid; customers.import; audit-logged)',
      description: IMPORT_DESCRIPTION, consumes: ['multipart/form-data'], querystring: customerImportQuerySchema, response: { 200: customerImportResultSchema },
    },
  }, async (request) => {
    const actor = Object.assign({}, actorOf(request), { locale: requestLocale(request) });
    assertCanImport(actor);
    return withUpload(request, (path, fileName) => confirmCustomerImport({ db, actor, source: { path }, query: request.query, fileName }));
  });

  app.get('/customer-import/template.xlsx', {
    schema: { tags, summary: 'The import template (Excel): headers in the reader\u2019s language and example rows' },
  }, async (request, reply) => {
    assertCanImport(actorOf(request));
    const locale = requestLocale(request);
    const name = locale === 'en' ? 'customer-import-template.xlsx' : '客户导入模板.xlsx';
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(await importTemplateWorkbook(locale));
  });

  app.get('/customer-import/export', {
    schema: { tags, summary: 'Export customers as Excel or CSV: masked like the API, unmasked with reveal=true (customers.reveal_pii); audit-logged', querystring: customerExportQuerySchema },
  }, async (request, reply) => {
    const { body } = await exportCustomersFile({ db, actor: actorOf(request), query: request.query });
    const name = `客户-${new Date().toISOString().slice(0, 10)}${request.query.reveal ? '-完整' : ''}.${request.query.format}`;
    const type = request.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE;
    return reply.header('content-type', type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(body);
  });
};
