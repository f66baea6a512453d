import { Injectable } from '@nestjs/common';
import type { EventType, ReplayMarksDto } from '@sanfang/shared';
import { NOT_LOGGED } from '../duty-log/event-lines';
import { MARK_TYPES, marksOf, summarize, summaryHtml, timelineCsv } from './replay-export';
import { ReplayRepository, type ReplayViewer } from './replay.repository';

const SUMMARY_TYPES: readonly EventType[] = [
  ...MARK_TYPES,
  'dispatch.acknowledged',
  'dispatch.arrived',
];

/** Marks on the slider and the range's exports (timeline CSV, printable summary). */
@Injectable()
export class ReplayExportService {
  constructor(private readonly repo: ReplayRepository) {}

  async marks(viewer: ReplayViewer, from: string, to: string): Promise<ReplayMarksDto> {
    const events = await this.repo.eventsOfTypes(viewer, MARK_TYPES, new Date(from), new Date(to));
    return { from, to, marks: marksOf(events) };
  }

  /** Every event of the range but telemetry and account changes (as the duty log). */
  async timelineCsv(viewer: ReplayViewer, from: string, to: string): Promise<string> {
    const events = await this.repo.eventsBetween(viewer, new Date(from), new Date(to), NOT_LOGGED);
    return timelineCsv(from, to, events);
  }

  async summaryHtml(viewer: ReplayViewer, from: string, to: string): Promise<string> {
    const events = await this.repo.eventsOfTypes(
      viewer,
      SUMMARY_TYPES,
      new Date(from),
      new Date(to),
    );
    return summaryHtml(summarize(from, to, events), marksOf(events));
  }
}
