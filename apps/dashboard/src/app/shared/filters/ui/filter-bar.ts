import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { TerritorySearchResult } from '@vigie/contracts';
import { THEMES } from '@vigie/taxonomy';
import { of, switchMap, timer } from 'rxjs';
import { campaignStart, isIsoDay, NO_CAPS, presetDates, presetFromKey, presetKey } from '../data-access/global-filters';
import { formatDayRange, GlobalFiltersStore } from '../data-access/global-filters.store';
import { themeColour } from '../data-access/theme-colours';

/**
 * The global filter bar of the shell: territory (search-as-you-type), period (presets or custom range)
 * and theme. Everything is written to the URL; a filter the active view cannot use is disabled with a
 * hint saying so.
 */
@Component({
  selector: 'vg-filter-bar',
  imports: [
    TranslocoDirective,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <section class="bar" [attr.aria-label]="t('filters.region')" data-testid="filter-bar">
        <div class="field territory" [class.off]="caps().territory === 'none'">
          <div class="row">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ t('filters.territory') }}</mat-label>
              <input
                matInput
                type="search"
                [value]="text()"
                (input)="text.set($any($event.target).value)"
                [placeholder]="store.territoryName()"
                [matAutocomplete]="auto"
                [disabled]="caps().territory === 'none'"
                [attr.aria-describedby]="caps().territory === 'none' ? 'hint-territory' : 'current-territory'"
                autocomplete="off"
                data-testid="filter-territory"
              />
              <mat-autocomplete
                #auto="matAutocomplete"
                (optionSelected)="select($event)"
                [displayWith]="blank"
                [hideSingleSelectionIndicator]="true"
              >
                @for (r of results.value() ?? []; track r.level + r.code) {
                  <mat-option [value]="r" [attr.data-ref]="r.level + ':' + r.code"
                    >{{ r.label }} <small class="level">· {{ t('levels.' + r.level) }}</small></mat-option
                  >
                }
              </mat-autocomplete>
            </mat-form-field>
            <span class="current" id="current-territory">
              @if (store.filters().territory; as tr) {
                <span class="chip" data-testid="filter-territory-current" [attr.data-ref]="tr.level + ':' + tr.code">
                  {{ store.territoryName() }} <small>· {{ t('levels.' + tr.level) }}</small>
                  @if (clearable()) {
                    <button
                      mat-icon-button
                      type="button"
                      class="clear"
                      (click)="store.setTerritory(null)"
                      [attr.aria-label]="
                        home()
                          ? t('access.backHome', { name: store.territoryName(), home: home() })
                          : t('filters.clearTerritory', { name: store.territoryName() })
                      "
                      data-testid="filter-territory-clear"
                    >
                      <mat-icon aria-hidden="true">close</mat-icon>
                    </button>
                  }
                </span>
              } @else {
                <span class="chip france" data-testid="filter-territory-current" data-ref="">France</span>
              }
            </span>
          </div>
          @if (caps().territory === 'none') {
            <span class="hint" id="hint-territory">{{ t('filters.notHere') }}</span>
          } @else if (store.scoped().coarsened) {
            <span class="hint" data-testid="filter-territory-coarse">{{ t('filters.coarsened') }}</span>
          }
        </div>

        <div class="field period" [class.off]="!caps().period">
          <div class="row">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ t('filters.period') }}</mat-label>
              <mat-select
                [value]="presetValue()"
                (selectionChange)="setPreset($event.value)"
                [disabled]="!caps().period"
                [attr.aria-describedby]="caps().period ? 'range-shown' : 'hint-period'"
                data-testid="filter-period"
              >
                <mat-option value="last12">{{ t('filters.presets.last12') }}</mat-option>
                <mat-option value="campaign" [matTooltip]="campaignHint()">{{ t('filters.presets.campaign') }}</mat-option>
                @for (y of years(); track y) {
                  <mat-option [value]="'year:' + y">{{ t('filters.presets.year', { year: y }) }}</mat-option>
                }
                <mat-option value="custom">{{ t('filters.presets.custom') }}</mat-option>
              </mat-select>
            </mat-form-field>
            <button
              mat-icon-button
              type="button"
              class="info"
              [matTooltip]="campaignHint()"
              [attr.aria-label]="campaignHint()"
              data-testid="campaign-hint"
            >
              <mat-icon aria-hidden="true">info</mat-icon>
            </button>
            @if (caps().period) {
              @if (store.preset().kind === 'custom') {
                <mat-form-field subscriptSizing="dynamic" class="date">
                  <mat-label>{{ t('filters.from') }}</mat-label>
                  <input
                    matInput
                    type="date"
                    [value]="store.range().from"
                    [max]="store.range().to"
                    (change)="setDay('from', $any($event.target).value)"
                    data-testid="filter-from"
                  />
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic" class="date">
                  <mat-label>{{ t('filters.to') }}</mat-label>
                  <input
                    matInput
                    type="date"
                    [value]="store.range().to"
                    [min]="store.range().from"
                    (change)="setDay('to', $any($event.target).value)"
                    data-testid="filter-to"
                  />
                </mat-form-field>
              }
            }
          </div>
          @if (caps().period) {
            <span
              class="hint"
              id="range-shown"
              data-testid="filter-range"
              [attr.data-from]="store.range().from"
              [attr.data-to]="store.range().to"
              >{{ rangeText() }}</span
            >
          } @else {
            <span class="hint" id="hint-period">{{ t('filters.notHere') }}</span>
          }
        </div>

        <div class="field theme" [class.off]="!caps().theme">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ t('filters.theme') }}</mat-label>
            <mat-select
              [value]="store.filters().theme ?? ''"
              (selectionChange)="store.set({ theme: $event.value || null })"
              [disabled]="!caps().theme"
              [attr.aria-describedby]="caps().theme ? null : 'hint-theme'"
              data-testid="filter-theme"
            >
              <mat-select-trigger>
                @if (store.filters().theme; as th) {
                  <span class="swatch" [style.background]="colour(th)" aria-hidden="true"></span>
                }
                {{ themeLabel() || t('filters.allThemes') }}
              </mat-select-trigger>
              <mat-option value="">{{ t('filters.allThemes') }}</mat-option>
              @for (th of themes(); track th.id) {
                <mat-option [value]="th.id" [attr.data-theme]="th.id"
                  ><span class="swatch" [style.background]="th.colour" aria-hidden="true"></span>{{ th.label }}</mat-option
                >
              }
            </mat-select>
          </mat-form-field>
          @if (!caps().theme) {
            <span class="hint" id="hint-theme">{{ t('filters.notHere') }}</span>
          }
        </div>
      </section>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 20px;
      align-items: flex-start;
      padding: 10px 24px 6px;
    }
    .field {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 2px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
    }
    .field mat-form-field {
      width: 210px;
    }
    .field.territory mat-form-field {
      width: 240px;
    }
    .field .date {
      width: 150px;
    }
    .hint {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .current {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 0 0 0 10px;
      min-height: 32px;
      border-radius: 16px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-size: 14px;
    }
    .chip.france {
      padding-right: 10px;
    }
    .chip small {
      margin-left: 4px;
    }
    .clear {
      transform: scale(0.8);
    }
    .level {
      color: var(--mat-sys-on-surface-variant);
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      border-radius: 3px;
      margin-right: 6px;
      vertical-align: -1px;
      border: 1px solid rgba(0, 0, 0, 0.35);
    }
    .info {
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 600px) {
      .bar {
        padding: 8px 12px 4px;
        gap: 4px 8px;
      }
      /* Phones: filters the view cannot use are hidden (they are disabled with a hint on wider screens). */
      .field.off {
        display: none;
      }
      .field,
      .row,
      .field mat-form-field,
      .field.territory mat-form-field {
        width: 100%;
      }
      .field .date {
        width: calc(50% - 4px);
      }
      .field.period mat-form-field:first-child {
        width: calc(100% - 48px);
      }
    }
  `,
})
export class FilterBar {
  protected readonly store = inject(GlobalFiltersStore);
  private readonly transloco = inject(TranslocoService);
  protected readonly caps = computed(() => this.store.caps() ?? NO_CAPS);
  protected readonly text = signal('');
  protected readonly results = rxResource<TerritorySearchResult[], string>({
    params: () => this.text().trim(),
    stream: ({ params: q }) => (q.length < 2 ? of([]) : timer(200).pipe(switchMap(() => this.store.search(q)))),
  });
  protected readonly blank = (): string => '';
  /** Name of the user's home territory when it is not France (clearing the territory goes back there). */
  protected readonly home = computed(() => {
    const h = this.store.homeTerritory();
    return h ? (this.store.scopeNames().find((s) => s.ref.level === h.level && s.ref.code === h.code)?.name ?? h.code) : '';
  });
  /** Nothing to clear when the user is already on their home territory. */
  protected readonly clearable = computed(() => {
    const h = this.store.homeTerritory();
    const t = this.store.filters().territory;
    return !!t && !(h && h.level === t.level && h.code === t.code);
  });

  protected readonly presetValue = computed(() => presetKey(this.store.preset()));
  protected readonly years = computed(() => {
    const y = +this.store.today.slice(0, 4);
    const years = [y, y - 1, y - 2, y - 3];
    const p = this.store.preset();
    return p.kind === 'year' && !years.includes(p.year) ? [...years, p.year] : years;
  });
  protected readonly themes = computed(() => {
    const lang = this.store.lang() === 'en' ? 'en' : 'fr';
    return THEMES.map((th) => ({ id: th.id, label: th[lang], colour: themeColour(th.id) }));
  });
  protected readonly themeLabel = computed(() => this.themes().find((th) => th.id === this.store.filters().theme)?.label ?? '');
  protected readonly rangeText = computed(() => formatDayRange(this.store.range().from, this.store.range().to, this.store.lang()));
  protected readonly campaignHint = computed(() => {
    const start = campaignStart(this.store.today);
    const lang = this.store.lang();
    const day = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${start}T00:00:00Z`));
    return this.transloco.translate('filters.campaignHint', { day }, lang);
  });

  protected colour(id: string): string {
    return themeColour(id);
  }

  protected select(e: MatAutocompleteSelectedEvent): void {
    const r = e.option.value as TerritorySearchResult;
    this.store.setTerritory({ level: r.level, code: r.code });
    this.text.set('');
  }

  protected setPreset(value: string): void {
    const preset = presetFromKey(value);
    this.store.set(preset.kind === 'custom' ? this.store.range() : presetDates(preset, this.store.today));
  }

  protected setDay(which: 'from' | 'to', value: string): void {
    if (!isIsoDay(value)) return;
    const next = { ...this.store.range(), [which]: value };
    if (next.from > next.to) return;
    this.store.set(next);
  }
}
