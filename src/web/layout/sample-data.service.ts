import { Injectable } from '@nestjs/common';
import { IndicatorsService } from '../../action-plan/indicators.service';
import { DataVersionService } from '../../data-version/data-version.service';

/**
 * Whether the sample's illustrative indicator values are loaded (rows the seed recorded), so the
 * footer says they are not official statistics only on a deployment that shows them. Asked once
 * per data version: between writes it costs no statement.
 */
@Injectable()
export class SampleDataService {
  private known: { version: string; loaded: boolean } | null = null;

  constructor(
    private readonly indicators: IndicatorsService,
    private readonly versions: DataVersionService,
  ) {}

  /** The answer as of the data version (read before the rows, as every label is). */
  async loaded(): Promise<boolean> {
    const { version } = await this.versions.current();
    if (this.known?.version === version) return this.known.loaded;
    const loaded = await this.indicators.hasSampleValues();
    // Versions only move forward: never replace a newer answer by an older one.
    if (!this.known || BigInt(version) >= BigInt(this.known.version)) this.known = { version, loaded };
    return loaded;
  }

  /** The last answer, for pages built without a read (error pages); false before the first. */
  get lastKnown(): boolean {
    return this.known?.loaded ?? false;
  }
}
