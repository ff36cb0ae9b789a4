import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Organization } from '../organizations/organization.entity';

/**
 * A focal point of an organisation: one of its own users (ResponsibilityService checks it), told
 * of its items' reminders when they name no active responsible officer, and of their escalations.
 * ADMIN sets the list (setFocalPoints, /admin/organizations).
 */
@Entity('organization_focal_point')
@Index('IDX_organization_focal_point_user', ['userId'])
export class OrganizationFocalPoint {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
