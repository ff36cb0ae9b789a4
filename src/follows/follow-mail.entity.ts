import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PublicEventRecord } from '../public-events/public-event.entity';
import { Follow } from './follow.entity';

/**
 * That a follower was (to be) mailed about an event: the once-only record of the follows consumer.
 * Its primary key (follow, event) makes a retried dispatch, or two instances dispatching, mail once.
 */
@Entity()
export class FollowMail {
  @PrimaryColumn({ type: 'uuid' })
  followId: string;

  @ManyToOne(() => Follow, { onDelete: 'CASCADE' })
  @JoinColumn()
  follow?: Follow;

  @PrimaryColumn({ type: 'uuid' })
  publicEventId: string;

  @ManyToOne(() => PublicEventRecord, { onDelete: 'CASCADE' })
  @JoinColumn()
  publicEvent?: PublicEventRecord;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
