import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { storageFailures } from '../common/errors/storage-failures';

/** A committed transaction means the database writes again: /health stops reporting a storage failure. */
@Injectable()
export class WriteRecoverySubscriber implements EntitySubscriberInterface {
  constructor(@InjectDataSource() db: DataSource) {
    db.subscribers.push(this);
  }

  afterTransactionCommit(): void {
    storageFailures.clear();
  }
}
