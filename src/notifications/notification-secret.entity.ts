import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Keys the service signs its mail links with (the one-click unsubscribe), made once by the
 * migration from PostgreSQL's strong random source: every instance reads the same key, and no
 * setting is needed.
 */
@Entity()
export class NotificationSecret {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;
}
