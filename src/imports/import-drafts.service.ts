import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ImportDraft } from './import-draft.entity';
import { ImportsRepository } from './imports.repository';

/** How long a dry-run file waits for its confirmation. */
const DRAFT_TTL_MINUTES = 60;

/** The files of the import page between dry run and confirmation (see ImportDraft). */
@Injectable()
export class ImportDraftsService {
  constructor(private readonly repository: ImportsRepository) {}

  /** Keeps the file for its owner; drops their older drafts and everyone's expired ones. */
  async save(userId: string, fileName: string, content: Buffer): Promise<string> {
    return this.repository.transaction(async (tx) => {
      await this.repository.deleteStaleDrafts(tx, userId, DRAFT_TTL_MINUTES);
      return this.repository.insertDraft(tx, { userId, fileName: fileName.slice(0, 255), content });
    });
  }

  /** The owner's unexpired draft (another person's is as absent as a missing one). */
  find(id: string, userId: string): Promise<ImportDraft | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.repository.findDraft(id, userId, DRAFT_TTL_MINUTES);
  }

  async delete(id: string): Promise<void> {
    await this.repository.deleteDraft(id);
  }
}
