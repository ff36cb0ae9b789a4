import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';
import { Barrier } from './barrier.entity';

/** A barrier raised in a meeting (a barrier can be raised in several). */
@Entity()
@Index('IDX_barrier_meeting_meeting', ['meetingId', 'barrierId'])
export class BarrierMeeting {
  @PrimaryColumn({ type: 'uuid' })
  barrierId: string;

  @PrimaryColumn({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Barrier, { onDelete: 'CASCADE' })
  @JoinColumn()
  barrier?: Barrier;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting?: Meeting;
}
