import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ImportDraft } from './import-draft.entity';

/** How long a dry-run file waits for its confirmation. */
const DRAFT_TTL_MINUTES = 60;

/** The files of the import page between dry run and confirmation (see ImportDraft). */
@Injectable()
export class ImportDraftsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Keeps the file for its owner; drops their older drafts and everyone's expired ones. */
  async save(userId: string, fileName: string, content: Buffer): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM import_draft WHERE user_id = $1 OR created_at < now() - make_interval(mins => $2)`, [userId, DRAFT_TTL_MINUTES]);
      const saved = await tx.getRepository(ImportDraft).save(tx.getRepository(ImportDraft).create({ userId, fileName: fileName.slice(0, 255), content }));
      return saved.id;
    });
  }

  /** The owner's unexpired draft (another person's is as absent as a missing one). */
  async find(id: string, userId: string): Promise<ImportDraft | null> {
    if (!isUUID(id)) return null;
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT id FROM import_draft WHERE id = $1 AND user_id = $2 AND created_at > now() - make_interval(mins => $3)`,
      [id, userId, DRAFT_TTL_MINUTES],
    );
    return row ? this.db.getRepository(ImportDraft).findOneBy({ id: row.id }) : null;
  }

  async delete(id: string): Promise<void> {
    await this.db.getRepository(ImportDraft).delete({ id });
  }
}
