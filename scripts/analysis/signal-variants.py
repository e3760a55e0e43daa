# Offline study of ranking signals for issue 17 (docs/evaluation.md, "Issue 17, round 2").
#
#   npx tsx scripts/eval-signals-export.ts --data … --csl … --data-dir /work/cache/i17-eval --out /tmp/i17/x
#   python3 scripts/analysis/signal-variants.py /tmp/i17/x
#
# Re-computes the shipped ranking exactly from the exported terms and vectors (BM25 k1 1.2 b 0.3 per expert,
# common-term skip, max over evidence incl. the portrait, centroid of items) and scores every variant over ALL
# experts (no pool), on NSFC DEV (1,000) and CSL (all 496, and its two seeded halves: the joint learned fit uses
# CSL-dev, 248, and is checked on CSL-test, 248). Needs numpy and scipy. Exploration code, not part of the service.
import sys
import json, math, numpy as np, scipy.sparse as sp
from collections import Counter, defaultdict
D=sys.argv[1] if len(sys.argv)>1 else '/tmp/i17/x'
def load(name):
    ev=[json.loads(l) for l in open(f'{D}/{name}-ev.jsonl')]
    EV=np.fromfile(f'{D}/{name}-ev.f32',dtype=np.float32).reshape(len(ev),-1)
    pt=[json.loads(l) for l in open(f'{D}/{name}-pt.jsonl')]
    PT=np.fromfile(f'{D}/{name}-pt.f32',dtype=np.float32).reshape(len(pt),-1)
    qs=[json.loads(l) for l in open(f'{D}/{name}-q.jsonl')]
    Q=np.fromfile(f'{D}/{name}-q.f32',dtype=np.float32).reshape(len(qs),-1)
    experts=sorted(set(p['e'] for p in pt)|set(e['e'] for e in ev))
    eid={e:i for i,e in enumerate(experts)}
    T=dict(name=name,ev=ev,EV=EV,pt=pt,PT=PT,qs=qs,Q=Q,experts=experts,eid=eid)
    T['item_exp']=np.array([eid[e['e']] for e in ev])
    T['pt_exp']=np.array([eid[p['e']] for p in pt])
    # item->expert sparse matrix
    nE=len(experts); nI=len(ev)
    T['A']=sp.csr_matrix((np.ones(nI),(T['item_exp'],np.arange(nI))),shape=(nE,nI))
    T['nitems']=np.asarray(T['A'].sum(1)).ravel()
    C=T['A']@EV; nrm=np.linalg.norm(C,axis=1,keepdims=True); nrm[nrm==0]=1; T['C']=(C/nrm).astype(np.float32)
    PTE=np.zeros((nE,EV.shape[1]),dtype=np.float32); PTE[T['pt_exp']]=PT; T['PTE']=PTE
    T['rel']=np.array([eid[q['rel']] for q in qs])
    T['dev']=np.array([i for i,q in enumerate(qs) if q['split']=='dev'])
    T['test']=np.array([i for i,q in enumerate(qs) if q['split']=='test'])
    return T
def vocab_mats(T):
    vocab={}
    def vec(tokens):
        c=Counter(tokens); return {vocab.setdefault(t,len(vocab)):n for t,n in c.items()}
    items=[vec(e['t']) for e in T['ev']]
    qv=[vec(q['t']) for q in T['qs']]
    V=len(vocab)
    def mat(rows):
        r=[];c=[];d=[]
        for i,row in enumerate(rows):
            for k,v in row.items(): r.append(i);c.append(k);d.append(v)
        return sp.csr_matrix((d,(r,c)),shape=(len(rows),V),dtype=np.float64)
    T['TFi']=mat(items); T['TFq']=mat(qv); T['TFe']=(T['A']@T['TFi']).tocsr(); T['vocab']=vocab
def bm25_matrix(TF, k1=1.2, b=0.3):
    """returns doc-term weight matrix W so that score = Qbin @ W.T, with idf folded; query qtf multiply"""
    TF=TF.tocsr()
    N=(TF.getnnz(axis=1)>0).sum()
    df=np.asarray((TF>0).sum(0)).ravel()
    idf=np.log(1+(N-df+0.5)/(df+0.5))
    dl=np.asarray(TF.sum(1)).ravel(); avg=dl[dl>0].mean()
    norm=k1*(1-b+b*dl/avg)
    W=TF.tocoo(); data=W.data*(k1+1)/(W.data+norm[W.row])*idf[W.col]
    return sp.csr_matrix((data,(W.row,W.col)),shape=TF.shape), df, N
def query_mat(T, df, N, common=0.2):
    Qm=T['TFq'].tolil(copy=True)
    # drop common terms when other terms exist
    TFq=T['TFq'].tocsr(); rows=[];cols=[];data=[]
    for i in range(TFq.shape[0]):
        s,e=TFq.indptr[i],TFq.indptr[i+1]; cs=TFq.indices[s:e]; ds=TFq.data[s:e]
        keep=[(c,d) for c,d in zip(cs,ds) if df[c]>0]
        rare=[(c,d) for c,d in keep if df[c]<=common*N]
        if rare: keep=rare
        for c,d in keep[:64]: rows.append(i);cols.append(c);data.append(d)
    return sp.csr_matrix((data,(rows,cols)),shape=TFq.shape)
def metrics(S, T, qidx, pool=None):
    """S: scores [nq, nE] for queries qidx (rows aligned)"""
    rel=T['rel'][qidx]
    s_rel=S[np.arange(len(qidx)),rel]
    # rank = 1 + count strictly greater (ties ignored -> optimistic small)
    if pool is not None:
        S=np.where(pool,S,-1e9); s_rel=np.where(pool[np.arange(len(qidx)),rel],s_rel,-1e9)
    rank=1+(S>s_rel[:,None]).sum(1)
    inp=s_rel>-1e8
    r10=((rank<=10)&inp).mean(); mrr=(np.where((rank<=10)&inp,1/rank,0)).mean(); r1=((rank==1)&inp).mean()
    return dict(r10=round(float(r10),4),mrr=round(float(mrr),4),r1=round(float(r1),4))
def topk_mask(S,k):
    idx=np.argpartition(-S,k,axis=1)[:,:k]
    M=np.zeros(S.shape,dtype=bool); np.put_along_axis(M,idx,True,axis=1); return M
def seg_reduce(M, T, op):
    order=T['item_exp']; srt=T.setdefault('_srt',np.argsort(order,kind='stable')); oe=order[srt]
    starts=np.r_[0,np.flatnonzero(np.diff(oe))+1]
    out=np.zeros((M.shape[0],len(T['experts'])),dtype=np.float32)
    out[:,oe[starts]]=op.reduceat(M[:,srt],starts,axis=1); return out
def topm_items(simI, T, m):
    """per expert sorted top-m item sims (padded with nan) -> [nq,nE,m]"""
    nE=len(T['experts']); order=T['item_exp']
    if '_slots' not in T:
        srt=np.argsort(order,kind='stable'); oe=order[srt]
        slot=np.zeros(len(order),dtype=int); cnt=Counter()
        for pos,i in enumerate(srt): slot[i]=cnt[oe[pos]]; cnt[oe[pos]]+=1
        T['_slots']=slot; T['_maxn']=max(cnt.values())
    K=T['_maxn']; P=np.full((simI.shape[0],nE,K),-np.inf,dtype=np.float32)
    P[:,order,T['_slots']]=simI
    P=-np.sort(-P,axis=2)[:,:,:m]
    return P
def prep(T):
    if 'W' in T: return
    vocab_mats(T)
    T['W'],T['df'],T['N']=bm25_matrix(T['TFe']); T['Qm']=query_mat(T,T['df'],T['N'])
    T['Wi'],T['dfi'],T['Ni']=bm25_matrix(T['TFi'],1.2,0.75); T['Qmi']=query_mat(T,T['dfi'],T['Ni'])
    # hubness: mean of top-10 sims of each item to other experts' items
    EV=T['EV']; r=np.zeros(len(EV),dtype=np.float32)
    for s in range(0,len(EV),2000):
        S=EV[s:s+2000]@EV.T
        same=T['item_exp'][s:s+2000,None]==T['item_exp'][None,:]; S[same]=-1
        r[s:s+2000]=np.sort(np.partition(S,-10,axis=1)[:,-10:],axis=1).mean(1)
    T['hub']=r
def features(T, qi, beta=0.0, prf_k=3):
    prep(T)
    Q=T['Q'][qi].copy()
    F={}
    simI=Q@T['EV'].T
    if beta>0:
        top=np.argpartition(-simI,prf_k,axis=1)[:,:prf_k]
        Q2=Q+beta*T['EV'][top].mean(1); Q2/=np.linalg.norm(Q2,axis=1,keepdims=True)
        simI2=Q2@T['EV'].T
        F['r_mi']=seg_reduce(simI2,T,np.maximum); F['r_cen']=Q2@T['C'].T; F['r_pt']=Q2@T['PTE'].T
    F['mi']=seg_reduce(simI,T,np.maximum)
    F['pt']=Q@T['PTE'].T; F['cen']=Q@T['C'].T; F['cen'][:,T['nitems']==0]=0
    F['mx']=np.maximum(F['mi'],F['pt'])
    P=topm_items(simI,T,4)
    F['s2']=np.where(np.isfinite(P[:,:,1]),P[:,:,1],0); F['s3']=np.where(np.isfinite(P[:,:,2]),P[:,:,2],0)
    for tau in [0.05,0.1]:
        Z=np.where(np.isfinite(P),P,-np.inf)
        F[f'lse{tau}']=tau*np.log(np.exp((Z-1)/tau).sum(2))+1
    H=simI-T['hub'][None,:]
    F['hub_mi']=seg_reduce(H,T,np.maximum)
    bm=(T['Qm'][qi]@T['W'].T).toarray().astype(np.float32); F['bm']=bm; F['lex']=bm/np.maximum(bm.max(1,keepdims=True),1e-9)
    bi=(T['Qmi'][qi]@T['Wi'].T).toarray().astype(np.float32)
    F['ibm']=seg_reduce(bi,T,np.maximum); F['ilex']=F['ibm']/np.maximum(F['ibm'].max(1,keepdims=True),1e-9)
    F['n']=np.broadcast_to(np.log(T['nitems'])[None,:],F['mx'].shape)
    return F
def rm3(T, qi, base, k=5, nterms=10, alpha=0.5):
    """expansion from the top-k experts by base score; returns bm25 of expanded query"""
    prep(T)
    top=np.argsort(-base,axis=1)[:,:k]
    TFe=T['TFe']; rows=[]; Qm=T['Qm'][qi].tocsr()
    idf=np.log(1+(T['N']-T['df']+0.5)/(T['df']+0.5))
    out=[]
    data=[];r=[];c=[]
    for j in range(len(qi)):
        acc=defaultdict(float)
        for e in top[j]:
            row=TFe[e]; tot=row.data.sum()
            for t,v in zip(row.indices,row.data): acc[t]+=v/tot
        qterms=set(Qm[j].indices)
        cand=sorted(((v*idf[t],t) for t,v in acc.items() if t not in qterms and T['df'][t]<=0.2*T['N']),reverse=True)[:nterms]
        if not cand: continue
        s=sum(v for v,_ in cand); nq=Qm[j].data.sum()
        for v,t in cand: r.append(j);c.append(t);data.append(alpha*nq*v/s)
    E=sp.csr_matrix((data,(r,c)),shape=Qm.shape)
    return ((Qm+E)@T['W'].T).toarray().astype(np.float32)
def white_center(T):
    allv=np.vstack([T['EV'],T['PT']]); mu=allv.mean(0)
    n=lambda X: X/np.maximum(np.linalg.norm(X,axis=1,keepdims=True),1e-9)
    return n(T['EV']-mu), n(T['Q']-mu), n(T['PT']-mu)
def rrf(T, qi, F):
    """plain fusion: RRF (k 60) of the BM25 top 50 and the dense max-over-items top 50"""
    S=np.zeros(F['mi'].shape,dtype=np.float32)
    for X in (F['bm'],F['mi']):
        top=np.argsort(-X,axis=1,kind='stable')[:,:50]
        np.put_along_axis(S,top,np.take_along_axis(S,top,1)+1/(61+np.arange(50))[None,:],axis=1)
    S[S==0]=-1
    return S
def trigrams(tokens):
    bg=[t[1:] for t in tokens if t.startswith('\x02')]
    out=[]
    for a,b in zip(bg,bg[1:]):
        if a[1]==b[0]: out.append('\x03'+a+b[1])
    return out
def build(T, sel, k1=1.2, b=0.3, level='e'):
    vocab={}
    def vec(tokens):
        c=Counter(sel(tokens)); return {vocab.setdefault(t,len(vocab)):n for t,n in c.items()}
    items=[vec(e['t']) for e in T['ev']]; qv=[vec(q['t']) for q in T['qs']]
    V=len(vocab)
    def mat(rows):
        r=[];c=[];d=[]
        for i,row in enumerate(rows):
            for k,v in row.items(): r.append(i);c.append(k);d.append(v)
        return sp.csr_matrix((d,(r,c)),shape=(len(rows),V),dtype=np.float64)
    TFi=mat(items); TFq=mat(qv); TF=(T['A']@TFi).tocsr() if level=='e' else TFi
    W,df,N=bm25_matrix(TF,k1,b)
    X=dict(T); X['TFq']=TFq
    Qm=query_mat(X,df,N)
    return Qm,W
words=lambda t:[x for x in t if not x.startswith('\x02')]
bigr=lambda t:[x for x in t if x.startswith('\x02')]
tri=lambda t:t+trigrams(t)
def centred(T,qi):
    allv=np.vstack([T['EV'],T['PT']]); mu=allv.mean(0)
    n=lambda X: X/np.maximum(np.linalg.norm(X,axis=1,keepdims=True),1e-9)
    EV,Q,PT=n(T['EV']-mu),n(T['Q'][qi]-mu),n(T['PT']-mu)
    mi=seg_reduce(Q@EV.T,T,np.maximum)
    PTE=np.zeros((len(T['experts']),EV.shape[1]),dtype=np.float32); PTE[T['pt_exp']]=PT
    C=T['A']@(T['EV']); C/=np.maximum(np.linalg.norm(C,axis=1,keepdims=True),1e-9); C=n(C-mu)
    return np.maximum(mi,Q@PTE.T), Q@C.T
def lin(F,w): return sum(v*F[k] for k,v in w.items() if v)
SHIP={'mx':0.675,'cen':0.075,'lex':0.25}
def variants(T, qi, F):
    sh=lin(F,SHIP); out={}
    out['bm25']=F['bm']; out['dense (max of max-item, centroid)']=np.maximum(F['mx'],F['cen']); out['rrf (plain fusion)']=rrf(T,qi,F); out['shipped']=sh
    out['agg: softmax(top-3 items, τ .05) + BM25']=0.75*F['lse0.05']+0.25*F['lex']
    out['agg: shipped + 0.1 × 2nd-best item']=sh+0.1*F['s2']
    Q=T['Q'][qi]; simI=Q@T['EV'].T
    bi=(T['Qmi'][qi]@T['Wi'].T).toarray().astype(np.float32); bi/=np.maximum(bi.max(1,keepdims=True),1e-9)
    out['agg: item-level fusion (0.85 cos + 0.15 item BM25), max']=seg_reduce(0.85*simI+0.15*bi,T,np.maximum)
    out['item BM25 (b .75, max over items) + shipped × 0.1']=sh+0.1*F['ilex']
    out['hubness: max-item − ½ × item hub (CSLS) in shipped']=0.675*(F['mx']-0.5*(F['mi']-F['hub_mi']))+0.075*F['cen']+0.25*F['lex']
    EV,QQ,PT=white_center(T); mi=seg_reduce(QQ[qi]@EV.T,T,np.maximum)
    PTE=np.zeros((len(T['experts']),EV.shape[1]),dtype=np.float32); PTE[T['pt_exp']]=PT
    C=T['A']@EV; C/=np.maximum(np.linalg.norm(C,axis=1,keepdims=True),1e-9)
    out['centred vectors, shipped weights']=0.675*np.maximum(mi,QQ[qi]@PTE.T)+0.075*(QQ[qi]@C.T)+0.25*F['lex']
    out['PRF: Rocchio (top-3 items, β .5) in shipped']=0.675*F['r_mi']+0.075*F['r_cen']+0.25*F['lex']
    b=rm3(T,qi,sh,3,10,0.3); out['PRF: RM3 (top-3 experts, 10 terms, α .3) in shipped']=0.675*F['mx']+0.075*F['cen']+0.25*b/np.maximum(b.max(1,keepdims=True),1e-9)
    mxc,cenc=centred(T,qi); out['centred vectors, 0.75 dense (centroid share 0.2) + 0.25 BM25']=0.75*(0.8*mxc+0.2*cenc)+0.25*F['lex']
    dense=0.675*F['mx']+0.075*F['cen']
    def lexof(Qm,W):
        b=(Qm[qi]@W.T).toarray().astype(np.float32); return b/np.maximum(b.max(1,keepdims=True),1e-9)
    out['BM25 words and bigrams as two indexes, 0.3 / 0.7']=dense+0.25*(0.3*lexof(*build(T,words))+0.7*lexof(*build(T,bigr)))
    out['BM25 + character trigrams']=dense+0.25*lexof(*build(T,tri))
    return out
from scipy.optimize import minimize
FE=['mx','cen','pt','lex','ilex','lse0.05','s2','hub_mi','r_mi','r_cen','n']
def pairs(T,F,qi,rows,K=50):
    """(relevant − other) feature differences against the shipped top 50, for queries whose relevant expert is in the shipped top 200"""
    sh=lin(F,SHIP); X=[]
    for j in rows:
        r=T['rel'][qi[j]]; order=np.argsort(-sh[j])
        if r not in set(order[:200]): continue
        fr=np.array([F[k][j,r] for k in FE])
        for c in order[:K]:
            if c!=r: X.append(fr-np.array([F[k][j,c] for k in FE]))
    return np.array(X)
def fit(X, l2=1e-3):
    def f(w):
        z=X@w; return np.logaddexp(0,-z).mean()+l2*(w@w), -(X*(1/(1+np.exp(z)))[:,None]).mean(0)+2*l2*w
    w0=np.zeros(X.shape[1]); w0[FE.index('mx')]=0.675; w0[FE.index('cen')]=0.075; w0[FE.index('lex')]=0.25
    return minimize(f,w0,jac=True,method='L-BFGS-B').x
def lscore(F,w,rows): return sum(w[i]*F[k][rows] for i,k in enumerate(FE))
def learned(Tn,qn,Fn,Tc,qc,Fc):
    import json as _j
    for T,F in ((Tn,Fn),(Tc,Fc)): F['n']=np.broadcast_to(np.log(T['nitems'])[None,:],F['mx'].shape).astype(np.float32)
    perm=np.random.RandomState(1).permutation(len(qc)); cdev=np.sort(perm[:248]); ctest=np.sort(perm[248:])
    Xc=pairs(Tc,Fc,qc,cdev)
    folds=np.array_split(np.random.RandomState(2).permutation(len(qn)),5); S=np.zeros(Fn['mx'].shape,dtype=np.float32)
    for f in range(5):
        tr=np.concatenate([folds[g] for g in range(5) if g!=f]); te=np.sort(folds[f])
        S[te]=lscore(Fn,fit(np.vstack([pairs(Tn,Fn,qn,tr),Xc])),te)
    w=fit(np.vstack([pairs(Tn,Fn,qn,np.arange(len(qn))),Xc]))
    print(_j.dumps({'variant':'learned jointly (NSFC DEV 5-fold CV + CSL DEV half)','nsfc-dev-cv':metrics(S,Tn,qn),'csl-dev-half':metrics(lscore(Fc,w,cdev),Tc,qc[cdev]),'csl-test-half':metrics(lscore(Fc,w,ctest),Tc,qc[ctest]),'weights':{k:round(float(x/w.sum()),4) for k,x in zip(FE,w)}}),flush=True)
    w2=fit(Xc)
    print(_j.dumps({'variant':'learned on CSL DEV half only','nsfc-dev':metrics(lscore(Fn,w2,np.arange(len(qn))),Tn,qn),'csl-test-half':metrics(lscore(Fc,w2,ctest),Tc,qc[ctest])}),flush=True)
if __name__=='__main__':
    import json as _j
    kept={}
    for name,split in [('nsfc','dev'),('csl','test')]:
        T=load(name); qi=T[split]; F=features(T,qi,beta=0.5); kept[name]=(T,qi,F)
        perm=np.random.RandomState(1).permutation(len(qi)); halves={'all':np.arange(len(qi))} if name=='nsfc' else {'all':np.arange(len(qi)),'dev-half':np.sort(perm[:248]),'test-half':np.sort(perm[248:])}
        for k,S in variants(T,qi,F).items():
            row={'task':name,'split':'dev' if name=='nsfc' else 'all','variant':k}
            for h,rows in halves.items(): row[h]=metrics(S[rows],T,qi[rows])
            print(_j.dumps(row,ensure_ascii=False),flush=True)
    learned(*kept['nsfc'],*kept['csl'])
