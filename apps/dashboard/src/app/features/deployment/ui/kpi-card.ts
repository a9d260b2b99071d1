import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

export interface KpiCardView {
  metric: string;
  label: string;
  value: string;
  /** "Objectif : 1 234" or "Pas d'objectif". */
  target: string;
  /** "45 % de l'objectif", empty without target. */
  progressText: string;
  /** 0–100. */
  width: number;
  status: 'on_track' | 'behind' | 'no_target';
  statusText: string;
  /** Accessible name of the progress bar. */
  aria: string;
}

/** One deployment KPI: value, target, a progress bar and a status written in words (never colour alone). */
@Component({
  selector: 'vg-kpi-card',
  imports: [MatCardModule, MatProgressBarModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let k = kpi();
    <mat-card class="kpi" [class]="k.status" [attr.data-metric]="k.metric">
      <span class="label">{{ k.label }}</span>
      <span class="value" data-testid="kpi-value">{{ k.value }}</span>
      <span class="target" data-testid="kpi-target">{{ k.target }}</span>
      @if (k.status !== 'no_target') {
        <mat-progress-bar mode="determinate" [value]="k.width" [attr.aria-label]="k.aria" />
        <span class="foot">
          <span class="pct" data-testid="kpi-progress">{{ k.progressText }}</span>
          <span class="status" data-testid="kpi-status">
            <mat-icon aria-hidden="true">{{ k.status === 'on_track' ? 'check_circle' : 'schedule' }}</mat-icon>{{ k.statusText }}
          </span>
        </span>
      }
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    .kpi {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 12px 16px;
      height: 100%;
      box-sizing: border-box;
    }
    .label {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      font-size: 1.9rem;
      font-weight: 500;
      font-variant-numeric: tabular-nums;
      line-height: 1.2;
    }
    .target {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    mat-progress-bar {
      margin-top: 6px;
      border-radius: 4px;
      --mat-progress-bar-track-height: 8px;
      --mat-progress-bar-active-indicator-height: 8px;
    }
    .foot {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font-size: 13px;
      flex-wrap: wrap;
    }
    .pct {
      font-weight: 500;
      font-variant-numeric: tabular-nums;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .status mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    .on_track .status {
      color: #1b5e20;
    }
    .behind .status {
      color: #8a4b00;
    }
    .behind mat-progress-bar {
      --mat-progress-bar-active-indicator-color: #b26a00;
    }
    @media (max-width: 600px) {
      .value {
        font-size: 1.5rem;
      }
    }
  `,
})
export class KpiCard {
  readonly kpi = input.required<KpiCardView>();
}
