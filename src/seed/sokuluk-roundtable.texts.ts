/**
 * Every human text of the Sokuluk roundtable sample (sokuluk-roundtable.seed.ts)
 * in Kyrgyz, Russian and English.
 *
 * The English texts are the ones the sample has always been loaded with, word for
 * word: databases seeded before translations existed hold them, and the seed finds
 * what already exists by them. The Russian and Kyrgyz texts are translations made
 * for this sample, as the meeting's source note says. Institutions carry their
 * official names in each language; the illustrative figures stay marked as such
 * in every language.
 */
export type SampleText = Readonly<{ ky: string; ru: string; en: string }>;

/** Nested groups of texts, shaped like the seed's constants. */
interface SampleTextGroup {
  readonly [key: string]: SampleText | SampleTextGroup;
}

/** Both speakers hold the same position. */
const MEMBER_OF_PARLIAMENT: SampleText = {
  ky: 'Жогорку Кеңештин депутаты',
  ru: 'Депутат Жогорку Кенеша',
  en: 'Member of the Jogorku Kenesh',
};

export const SAMPLE_TEXTS = {
  organizations: {
    parliament: {
      name: {
        ky: 'Кыргыз Республикасынын Жогорку Кеңеши',
        ru: 'Жогорку Кенеш Кыргызской Республики',
        en: 'Jogorku Kenesh of the Kyrgyz Republic',
      },
    },
    ministry: {
      name: {
        ky: 'Кыргыз Республикасынын Эмгек, социалдык камсыздоо жана миграция министрлиги',
        ru: 'Министерство труда, социального обеспечения и миграции Кыргызской Республики',
        en: 'Ministry of Labor, Social Security and Migration of the Kyrgyz Republic',
      },
    },
    district: {
      name: {
        ky: 'Сокулук райондук мамлекеттик администрациясы',
        ru: 'Сокулукская районная государственная администрация',
        en: 'Sokuluk District Administration',
      },
    },
  },

  people: {
    raimbachaeva: { position: MEMBER_OF_PARLIAMENT },
    ashimova: { position: MEMBER_OF_PARLIAMENT },
  },

  meeting: {
    title: {
      ky: 'Аялдардын саясий катышуусу боюнча аймактык тегерек үстөл',
      ru: 'Региональный круглый стол по вопросам политического участия женщин',
      en: "Regional roundtable on women's political participation",
    },
    summary: {
      ky:
        'Жогорку Кеңештин депутаттары, Эмгек, социалдык камсыздоо жана миграция министрлигинин жана райондук ' +
        'администрациянын өкүлдөрү, бейөкмөт уюмдар жана активисттер аялдардын саясий катышуусундагы ' +
        'тоскоолдуктарды талкуулашып, аларды жоюу боюнча чараларды сунушташты: ченемдерди жана квоталарды кайра ' +
        'карап чыгуу, окутуу жана насаатчылык, гендердик программалардын мониторингин күчөтүү.',
      ru:
        'Депутаты Жогорку Кенеша, представители Министерства труда, социального обеспечения и миграции и районной ' +
        'администрации, НПО и активисты обсудили барьеры на пути политического участия женщин и предложили меры: ' +
        'пересмотр норм и квот, обучение и наставничество, усиление мониторинга гендерных программ.',
      en:
        'Members of the Jogorku Kenesh, the Ministry of Labor, Social Security and Migration, the district ' +
        'administration, NGOs and activists discussed the barriers to women’s political participation and ' +
        'proposed remedies: revising norms and quotas, education and mentorship, and stronger monitoring of ' +
        'gender programmes.',
    },
    /** New with the translations: the seed had no source note before. */
    sourceNote: {
      ky:
        'Тегерек үстөл тууралуу жаңылык кабарынын негизинде түзүлдү (2024-жылдын 13-августу). ' +
        'Орус жана кыргыз тилдериндеги тексттер ушул мисал үчүн жасалган котормолор.',
      ru:
        'Составлено по новостному сообщению о круглом столе (13 августа 2024 г.). ' +
        'Тексты на русском и кыргызском языках — переводы, выполненные для этого примера.',
      en:
        'Based on the news report of the roundtable (13 August 2024). ' +
        'The Russian and Kyrgyz texts are translations made for this sample.',
    },
    settlement: { ky: 'Сокулук', ru: 'Сокулук', en: 'Sokuluk' },
    region: { ky: 'Чүй облусу', ru: 'Чуйская область', en: 'Chui' },
  },

  barriers: {
    support: {
      title: {
        ky: 'Коомдун жана кесиптештердин колдоосу менен таануусунун жетишсиздиги',
        ru: 'Недостаток поддержки и признания со стороны общества и коллег',
        en: 'Little support and recognition from society and colleagues',
      },
      description: {
        ky: 'Саясатка келген аялдар коомдон да, кесиптештеринен да колдоону жана таанууну аз көрүшөт.',
        ru: 'Женщины, которые приходят в политику, получают мало поддержки и признания со стороны общества и коллег.',
        en: 'Women who enter politics receive little support and recognition from society and from colleagues.',
      },
    },
    confidence: {
      title: {
        ky: 'Өзүнө ишенимдин жана лидерлик көндүмдөрдүн жетишсиздиги',
        ru: 'Недостаток уверенности в себе и лидерских навыков',
        en: 'Lack of confidence and leadership skills',
      },
      description: {
        ky: 'Көп аялдарга шайлоодо талапкер болуп ат салышууга өзүнө ишеним жана лидерлик тажрыйба жетишпейт.',
        ru: 'Многим женщинам не хватает уверенности в себе и лидерского опыта, чтобы баллотироваться на выборные должности.',
        en: 'Many women lack the confidence and the leadership experience to stand for office.',
      },
    },
    money: {
      title: {
        ky: 'Шайлоо өнөктүктөрү үчүн каржы ресурстарынын жетишсиздиги',
        ru: 'Нехватка финансовых ресурсов для избирательных кампаний',
        en: 'Lack of financial resources for election campaigns',
      },
      description: {
        ky: 'Аял талапкерлердин шайлоо өнөктүгүн жүргүзүү үчүн каражаты эркектерге караганда азыраак.',
        ru: 'У женщин-кандидатов меньше средств на ведение избирательных кампаний, чем у мужчин.',
        en: 'Women candidates have less money than men to run election campaigns.',
      },
    },
  },

  /**
   * The programme's official name is "State Program of the Kyrgyz Republic for
   * Supporting Women's Leadership until 2030" (Presidential Decree of 7 March 2024);
   * the Russian and Kyrgyz titles use it, the English keeps the sample's short form.
   */
  plan: {
    title: {
      ky:
        '2030-жылга чейин аялдардын лидерлигин колдоо боюнча Кыргыз Республикасынын Мамлекеттик программасын ' +
        'ишке ашыруу боюнча 2024–2027-жылдарга иш-аракеттер планы',
      ru:
        'План действий на 2024–2027 годы по реализации Государственной программы Кыргызской Республики ' +
        'по поддержке женского лидерства до 2030 года',
      en: "Action Plan 2024–2027 of the State Program for Supporting Women's Leadership",
    },
    approvedBy: {
      ky: 'Кыргыз Республикасынын Президентинин Жарлыгы (2024-жылдын марты)',
      ru: 'Указ Президента Кыргызской Республики (март 2024 г.)',
      en: 'Presidential Decree (March 2024)',
    },
  },

  indicators: {
    'WL-1': {
      name: {
        ky: 'Жергиликтүү кеңештердин депутаттарынын арасындагы аялдардын үлүшү (шарттуу мисал)',
        ru: 'Доля женщин среди депутатов местных кенешей (условный пример)',
        en: 'Share of women among deputies of local keneshes (illustrative sample)',
      },
    },
    'WL-2': {
      name: {
        ky: 'Лидерлик жана насаатчылык программаларын аяктаган аялдар, өсүп баруучу жыйынтык менен (шарттуу мисал)',
        ru: 'Женщины, прошедшие программы лидерства и наставничества, нарастающим итогом (условный пример)',
        en: 'Women completing leadership and mentorship programmes, cumulative (illustrative sample)',
      },
    },
    'WL-3': {
      name: {
        ky: 'Мониторинг боюнча жылдык отчету жок гендердик программалар (шарттуу мисал)',
        ru: 'Гендерные программы без ежегодного отчёта о мониторинге (условный пример)',
        en: 'Gender programmes without an annual monitoring report (illustrative sample)',
      },
    },
    'WL-4': {
      name: {
        ky: 'Жогорку Кеңештин депутаттарынын арасындагы аялдардын үлүшү',
        ru: 'Доля женщин среди депутатов Жогорку Кенеша',
        en: 'Share of women among deputies of the Jogorku Kenesh',
      },
    },
  },

  /** Source of the sample's one real figure (WL-4, 2021): the IPU's Parline database, named as it names itself. */
  parlineSource: {
    ky: 'IPU Parline маалымат базасы (Парламенттер аралык союз), https://data.ipu.org/parliament/KG/KG-LC01/',
    ru: 'База данных IPU Parline (Межпарламентский союз), https://data.ipu.org/parliament/KG/KG-LC01/',
    en: 'IPU Parline database (Inter-Parliamentary Union), https://data.ipu.org/parliament/KG/KG-LC01/',
  },
  /** Note on the sample's one real figure. */
  parlineNote: {
    ky: 'Ачык булактагы чыныгы көрсөткүч: 2021-жылы шайланган Жогорку Кеңештин 90 депутатынын 19у аялдар (21,1 %), IPU Parline маалымат базасы боюнча.',
    ru: 'Реальный показатель из открытого источника: в Жогорку Кенеше, избранном в 2021 году, 19 женщин из 90 депутатов (21,1 %), по данным базы IPU Parline.',
    en: 'A real figure from a public source: the Jogorku Kenesh elected in 2021 had 19 women among its 90 deputies (21.1 %), as reported by the IPU Parline database.',
  },

  /** Source of every sample indicator value. */
  illustrativeSource: {
    ky: 'Шарттуу мисалдын маалыматтары, расмий статистика эмес',
    ru: 'Условные данные для примера, не официальная статистика',
    en: 'Illustrative sample data, not official statistics',
  },
  /** Note on every sample indicator value. */
  illustrativeNote: {
    ky:
      'Прогрессти көзөмөлдөөнү көрсөтүү үчүн демонстрациялык маалыматтар менен кошо жүктөлгөн шарттуу маани; ' +
      'аны отчеттордогу көрсөткүчтөр менен алмаштырыңыз.',
    ru:
      'Условное значение, загруженное вместе с демонстрационными данными, чтобы показать отслеживание прогресса; ' +
      'замените его данными из отчётов.',
    en: 'Sample value loaded with the demo data to show progress tracking; replace with reported figures.',
  },
  /** Note of each proposal's first status change. */
  proposedNote: {
    ky: 'Сокулуктагы тегерек үстөлдө сунушталган',
    ru: 'Предложено на круглом столе в Сокулуке',
    en: 'Proposed at the Sokuluk roundtable',
  },

  proposals: {
    'SOK-2024-01': {
      title: {
        ky: 'Аялдардын өкүлчүлүгү боюнча ченемдерди жана квоталарды кайра карап чыгуу',
        ru: 'Пересмотр норм и квот представительства женщин',
        en: 'Revise norms and quotas for women’s representation',
      },
      description: {
        ky: 'Шайлануучу органдар, анын ичинде жергиликтүү кеңештер үчүн укуктук ченемдерди жана гендердик квоталарды кайра карап чыгуу.',
        ru: 'Пересмотреть правовые нормы и гендерные квоты для выборных органов, включая местные кенеши.',
        en: 'Review the legal norms and the gender quotas for elected bodies, including local keneshes.',
      },
    },
    'SOK-2024-02': {
      title: {
        ky: 'Лидер аялдар үчүн окутуу жана насаатчылык программалары',
        ru: 'Программы обучения и наставничества для женщин-лидеров',
        en: 'Education and mentorship programmes for women leaders',
      },
      description: {
        ky: 'Аялдарды лидерликке жана шайлоо өнөктүгүн жүргүзүүгө окутуу, жаңы талапкерлерге тажрыйбалуу насаатчыларды бекитүү.',
        ru: 'Обучать женщин лидерству и ведению избирательных кампаний, закреплять за начинающими кандидатами опытных наставников.',
        en: 'Train women in leadership and campaigning, and pair new candidates with experienced mentors.',
      },
    },
    'SOK-2024-03': {
      title: {
        ky: 'Гендердик программалардын мониторингин жана көзөмөлүн күчөтүү',
        ru: 'Усиление мониторинга и контроля гендерных программ',
        en: 'Stronger monitoring and control of gender programmes',
      },
      description: {
        ky: 'Гендердик программалардын кантип аткарылып жатканына мониторинг жүргүзүү жана алар боюнча үзгүлтүксүз отчет берүү.',
        ru: 'Следить за тем, как выполняются гендерные программы, и регулярно отчитываться о них.',
        en: 'Monitor how gender programmes are carried out and report on them regularly.',
      },
    },
  },
} as const satisfies SampleTextGroup;
